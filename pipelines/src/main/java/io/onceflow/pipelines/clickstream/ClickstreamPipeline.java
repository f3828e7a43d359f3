package io.onceflow.pipelines.clickstream;

import io.onceflow.pipelines.RunnerProfile;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.IncompatibleTableException;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.iceberg.WriteUpserts;
import io.onceflow.transforms.io.AvailableNow;
import io.onceflow.transforms.io.AvailableNowPlan;
import io.onceflow.transforms.io.ReadRecords;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The clickstream (SEEDS §4): JSON events from Kafka or files, validated (bad ones to {@code
 * dead_letters}), into {@code user_activity} (5-minute windows per user and session), {@code
 * sessions}, {@code user_activity_sliding} (5-minute windows every minute per user) and {@code
 * alerts}, each with its own lateness, and {@code user_state} (each user's running behaviour),
 * too-late events into {@code clickstream_late_events}; every table through the exactly-once upsert
 * sink, one row per key holding its newest pane.
 */
public final class ClickstreamPipeline {

  public static final String NAME = "clickstream";

  private ClickstreamPipeline() {}

  /** Parses and validates the options, after the runner profile ({@code --profile=...}). */
  public static ClickstreamPipelineOptions options(String[] args) {
    ClickstreamPipelineOptions options =
        CommandOptions.parse(RunnerProfile.apply(args), ClickstreamPipelineOptions.class);
    ClickstreamPipelineOptionsCheck.check(options);
    return options;
  }

  /**
   * Starts the pipeline; with {@code --trigger=available-now}, as a run of what the topic holds now
   * that stops itself ({@link AvailableNow}): its {@code waitUntilFinish} returns once it is over.
   */
  public static PipelineResult run(ClickstreamPipelineOptions options) {
    Pipeline p = Pipeline.create(options);
    if (ClickstreamTrigger.AVAILABLE_NOW.equals(options.getTrigger())) {
      IcebergCatalogConfig catalog = IcebergCatalogOptions.catalog(options);
      UpsertTable userState =
          UserStateTable.in(options.getNamespace(), options.getUserStateTable());
      AvailableNow now =
          AvailableNow.plan(
                  options, NAME, eventTime(), ClickstreamPipelineOptionsCheck.reread(options))
              .carryingState(catalog, userState);
      Map<String, UserState> stored = storedUserStates(catalog, userState, now.plan(), options);
      PCollectionView<Map<String, UserBehaviourFn.Behaviour>> seeds =
          p.apply(
                  "StoredUserStates",
                  Create.of(
                          stored.values().stream()
                              .map(s -> KV.of(s.userId, UserBehaviourFn.resumedFrom(s)))
                              .toList())
                      .withCoder(
                          KvCoder.of(
                              StringUtf8Coder.of(),
                              SerializableCoder.of(UserBehaviourFn.Behaviour.class))))
              .apply("StoredUserStatesByUser", View.asMap());
      build(
          p,
          options,
          now.read(),
          process -> process.continuingUserState(seeds, now.plan().readByPreviousRun()),
          now::watching);
      return now.stopping(p.run(), UpsertSinkOptions.commitInterval(options));
    }
    build(
        p,
        options,
        ReadRecords.from(options, NAME, eventTime()),
        UnaryOperator.identity(),
        UnaryOperator.identity());
    return p.run();
  }

  /**
   * The user states an available-now run continues: {@code user_state} as the previous run left it
   * (the snapshot it recorded with the offsets), not as it is now, which a run that failed after
   * some commits may have moved on. A table with rows that no previous run recorded (written by a
   * continuous run, or by another consumer group) is refused: nothing says which records its counts
   * hold, and continuing from it would count some twice or miss some.
   */
  private static Map<String, UserState> storedUserStates(
      IcebergCatalogConfig catalog,
      UpsertTable userState,
      AvailableNowPlan plan,
      ClickstreamPipelineOptions o) {
    Catalog c = catalog.build();
    OptionalLong previous = plan.previousStateSnapshot();
    if (previous.isPresent() && previous.getAsLong() == AvailableNow.NO_SNAPSHOT) {
      return Map.of();
    }
    Table stored =
        c.tableExists(userState.identifier()) ? c.loadTable(userState.identifier()) : null;
    if (previous.isPresent()) {
      if (stored == null) {
        throw new IncompatibleTableException(
            userState.identifier()
                + " is gone, but the previous available-now run recorded its snapshot "
                + previous.getAsLong()
                + "; the counts it held cannot be continued: use a new --consumerGroup");
      }
      return UserStateTable.read(stored, previous.getAsLong());
    }
    if (stored != null && !TableRows.isEmpty(stored)) {
      throw new IncompatibleTableException(
          userState.identifier()
              + " has rows that no available-now run of consumer group "
              + ReadRecords.consumerGroup(o, NAME)
              + " recorded, so an available-now run cannot tell which records they count;"
              + " --trigger=available-now needs a user_state table of its own runs: drop this"
              + " one, or name another with --userStateTable");
    }
    return Map.of();
  }

  private static SerializableFunction<String, Instant> eventTime() {
    return ReadRecords.eventTimeBy(ClickEventJsonParser::parse, e -> e.timestamp);
  }

  /**
   * {@code process} finishes the processing step (an available-now run continues user_state) and
   * {@code sink} each table's sink (an available-now run watches them).
   */
  static void build(
      Pipeline p,
      ClickstreamPipelineOptions o,
      ReadRecords source,
      UnaryOperator<ProcessClickstream> process,
      UnaryOperator<WriteUpserts> sink) {
    IcebergCatalogConfig catalog = IcebergCatalogOptions.catalog(o);
    Duration commitInterval = UpsertSinkOptions.commitInterval(o);
    String ns = o.getNamespace();

    PCollectionTuple out =
        p.apply("Read", source)
            .apply(
                "Clickstream",
                process.apply(
                    ProcessClickstream.of(
                        NAME,
                        ClickstreamPipelineOptionsCheck.windowings(o),
                        ClickstreamPipelineOptionsCheck.alertRule(o))));

    write(
        out.get(ProcessClickstream.ACTIVITY).apply("ActivityRows", UserActivityTable.rows()),
        "UserActivity",
        catalog,
        UserActivityTable.in(ns, o.getUserActivityTable()),
        commitInterval,
        sink);
    write(
        out.get(ProcessClickstream.SESSIONS).apply("SessionRows", SessionsTable.rows()),
        "Sessions",
        catalog,
        SessionsTable.in(ns, o.getSessionsTable()),
        commitInterval,
        sink);
    write(
        out.get(ProcessClickstream.SLIDING).apply("SlidingRows", SlidingActivityTable.rows()),
        "Sliding",
        catalog,
        SlidingActivityTable.in(ns, o.getSlidingTable()),
        commitInterval,
        sink);
    write(
        out.get(ProcessClickstream.ALERTS).apply("AlertRows", AlertsTable.rows()),
        "Alerts",
        catalog,
        AlertsTable.in(ns, o.getAlertsTable()),
        commitInterval,
        // Not watched: the alert step is stateful, and Beam's state cleanup timer holds its output
        // watermark at the end of every window still in its lateness, below where an available-now
        // run's watermark stops (measured: the probe of alerts never fired, the five others did).
        // Its input, the user_activity panes, is watched; it emits an alert as a pane comes.
        UnaryOperator.identity());
    write(
        out.get(ProcessClickstream.USER_STATE).apply("UserStateRows", UserStateTable.rows()),
        "UserState",
        catalog,
        UserStateTable.in(ns, o.getUserStateTable()),
        commitInterval,
        // Watched: the snapshot the next available-now run continues from must hold every record
        // this one counted.
        sink);
    write(
        out.get(ProcessClickstream.TOO_LATE).apply("LateRows", LateClickEventsTable.rows()),
        "LateEvents",
        catalog,
        LateClickEventsTable.in(ns, o.getLateEventsTable()),
        commitInterval,
        sink);
    write(
        out.get(ProcessClickstream.DEAD_LETTERS).apply("DeadLetterRows", DeadLettersTable.rows()),
        "DeadLetters",
        catalog,
        DeadLettersTable.in(ns),
        commitInterval,
        sink);
  }

  private static void write(
      PCollection<Row> rows,
      String step,
      IcebergCatalogConfig catalog,
      UpsertTable table,
      Duration commitInterval,
      UnaryOperator<WriteUpserts> sink) {
    rows.apply(
        "Write" + step,
        sink.apply(WriteUpserts.to(catalog, table).withCommitInterval(commitInterval)));
  }
}
