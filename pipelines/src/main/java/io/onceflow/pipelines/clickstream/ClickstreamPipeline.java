package io.onceflow.pipelines.clickstream;

import io.onceflow.pipelines.RunnerProfile;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.iceberg.WriteUpserts;
import io.onceflow.transforms.io.ReadRecords;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

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

  public static PipelineResult run(ClickstreamPipelineOptions options) {
    Pipeline p = Pipeline.create(options);
    build(p, options);
    return p.run();
  }

  static void build(Pipeline p, ClickstreamPipelineOptions o) {
    IcebergCatalogConfig catalog = IcebergCatalogOptions.catalog(o);
    Duration commitInterval = UpsertSinkOptions.commitInterval(o);
    String ns = o.getNamespace();

    PCollectionTuple out =
        p.apply(
                "Read",
                ReadRecords.from(
                    o,
                    NAME,
                    ReadRecords.eventTimeBy(ClickEventJsonParser::parse, e -> e.timestamp)))
            .apply(
                "Clickstream",
                ProcessClickstream.of(
                    NAME,
                    ClickstreamPipelineOptionsCheck.windowings(o),
                    ClickstreamPipelineOptionsCheck.alertRule(o)));

    write(
        out.get(ProcessClickstream.ACTIVITY).apply("ActivityRows", UserActivityTable.rows()),
        "UserActivity",
        catalog,
        UserActivityTable.in(ns, o.getUserActivityTable()),
        commitInterval);
    write(
        out.get(ProcessClickstream.SESSIONS).apply("SessionRows", SessionsTable.rows()),
        "Sessions",
        catalog,
        SessionsTable.in(ns, o.getSessionsTable()),
        commitInterval);
    write(
        out.get(ProcessClickstream.SLIDING).apply("SlidingRows", SlidingActivityTable.rows()),
        "Sliding",
        catalog,
        SlidingActivityTable.in(ns, o.getSlidingTable()),
        commitInterval);
    write(
        out.get(ProcessClickstream.ALERTS).apply("AlertRows", AlertsTable.rows()),
        "Alerts",
        catalog,
        AlertsTable.in(ns, o.getAlertsTable()),
        commitInterval);
    write(
        out.get(ProcessClickstream.USER_STATE).apply("UserStateRows", UserStateTable.rows()),
        "UserState",
        catalog,
        UserStateTable.in(ns, o.getUserStateTable()),
        commitInterval);
    write(
        out.get(ProcessClickstream.TOO_LATE).apply("LateRows", LateClickEventsTable.rows()),
        "LateEvents",
        catalog,
        LateClickEventsTable.in(ns, o.getLateEventsTable()),
        commitInterval);
    write(
        out.get(ProcessClickstream.DEAD_LETTERS).apply("DeadLetterRows", DeadLettersTable.rows()),
        "DeadLetters",
        catalog,
        DeadLettersTable.in(ns),
        commitInterval);
  }

  private static void write(
      PCollection<Row> rows,
      String step,
      IcebergCatalogConfig catalog,
      UpsertTable table,
      Duration commitInterval) {
    rows.apply("Write" + step, WriteUpserts.to(catalog, table).withCommitInterval(commitInterval));
  }
}
