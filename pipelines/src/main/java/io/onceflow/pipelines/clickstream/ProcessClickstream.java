package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.parse.ParseRecords;
import io.onceflow.transforms.windowing.EventTimeWindowing;
import java.util.Map;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Partition;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;

/**
 * The clickstream from raw records to what its tables hold: parse and validate ({@link
 * ClickEventJsonParser}; a rejected record is a dead letter), then the notebook's four queries,
 * each with its own windows and lateness: {@link UserActivityWindows}, {@link SessionWindows},
 * {@link SlidingActivityWindows}, and {@link RaiseAlerts} over the user-activity panes; and the
 * per-user custom state, {@link UserStates}, over every event. The events each windowed output
 * found too late are kept, named by the output.
 */
public final class ProcessClickstream
    extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {

  public static final TupleTag<UserActivity> ACTIVITY = UserActivityWindows.ACTIVITY;
  public static final TupleTag<SessionStats> SESSIONS = SessionWindows.SESSIONS;
  public static final TupleTag<SlidingActivity> SLIDING = SlidingActivityWindows.SLIDING;
  public static final TupleTag<Alert> ALERTS = new TupleTag<>() {};
  public static final TupleTag<UserState> USER_STATE = new TupleTag<>() {};
  public static final TupleTag<TooLateEvent> TOO_LATE = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  private final String pipeline;
  private final Windowings windowings;
  private final AlertRule rule;
  // Both null unless user_state continues an earlier run's (see continuingUserState).
  private final PCollectionView<Map<String, UserBehaviourFn.Behaviour>> storedUserStates;
  private final SerializableFunction<String, Boolean> readBefore;

  /** The three outputs' windowings. */
  public record Windowings(
      EventTimeWindowing activity, EventTimeWindowing sessions, EventTimeWindowing sliding)
      implements java.io.Serializable {

    /** The notebook's. */
    public static final Windowings DEFAULT =
        new Windowings(
            UserActivityWindows.DEFAULT_WINDOWING,
            SessionWindows.DEFAULT_WINDOWING,
            SlidingActivityWindows.DEFAULT_WINDOWING);
  }

  private ProcessClickstream(
      String pipeline,
      Windowings windowings,
      AlertRule rule,
      PCollectionView<Map<String, UserBehaviourFn.Behaviour>> storedUserStates,
      SerializableFunction<String, Boolean> readBefore) {
    this.pipeline = pipeline;
    this.windowings = windowings;
    this.rule = rule;
    this.storedUserStates = storedUserStates;
    this.readBefore = readBefore;
  }

  public static ProcessClickstream of(String pipeline, Windowings windowings, AlertRule rule) {
    return new ProcessClickstream(pipeline, windowings, rule, null, null);
  }

  /**
   * As this, for a run that continues an earlier one which read part of the same records: {@code
   * user_state} starts from {@code stored} (each user's state as the earlier run left it) and
   * counts only the records {@code readBefore} (by source position) says the earlier run did not
   * read. The windowed outputs still see every record: the earlier run's records of windows still
   * open are read again to recompute those windows whole.
   */
  ProcessClickstream continuingUserState(
      PCollectionView<Map<String, UserBehaviourFn.Behaviour>> stored,
      SerializableFunction<String, Boolean> readBefore) {
    return new ProcessClickstream(pipeline, windowings, rule, stored, readBefore);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> records) {
    if (readBefore == null) {
      ParseRecords<ClickEvent> parse = parse();
      PCollectionTuple parsed = records.apply("Parse", parse);
      return aggregate(parsed.get(parse.parsed()), parsed.get(parse.parsed()))
          .and(DEAD_LETTERS, parsed.get(parse.deadLetters()));
    }
    // Each record is parsed once, on one side or the other, so a bad one is one dead letter.
    SerializableFunction<String, Boolean> wasRead = readBefore;
    PCollectionList<KV<String, String>> split =
        records.apply(
            "SplitReadBefore",
            Partition.of(2, (KV<String, String> r, int n) -> wasRead.apply(r.getKey()) ? 0 : 1));
    ParseRecords<ClickEvent> parseAgain = parse();
    ParseRecords<ClickEvent> parseNew = parse();
    PCollectionTuple again = split.get(0).apply("ParseReadAgain", parseAgain);
    PCollectionTuple fresh = split.get(1).apply("ParseNew", parseNew);
    PCollection<ClickEvent> all =
        PCollectionList.of(again.get(parseAgain.parsed()))
            .and(fresh.get(parseNew.parsed()))
            .apply("AllEvents", Flatten.pCollections());
    PCollection<DeadLetter> deadLetters =
        PCollectionList.of(again.get(parseAgain.deadLetters()))
            .and(fresh.get(parseNew.deadLetters()))
            .apply("AllDeadLetters", Flatten.pCollections());
    return aggregate(all, fresh.get(parseNew.parsed())).and(DEAD_LETTERS, deadLetters);
  }

  private ParseRecords<ClickEvent> parse() {
    return ParseRecords.with(
        pipeline, ClickEventJsonParser::parse, e -> e.timestamp, ClickEventCoder.of());
  }

  /** The five outputs and the too-late events, from parsed events (what tests feed). */
  public PCollectionTuple aggregate(PCollection<ClickEvent> events) {
    return aggregate(events, events);
  }

  /** As {@link #aggregate(PCollection)}, with {@code user_state} counting {@code counted} only. */
  private PCollectionTuple aggregate(
      PCollection<ClickEvent> events, PCollection<ClickEvent> counted) {
    PCollectionTuple activity =
        events.apply("UserActivity", UserActivityWindows.of(windowings.activity()));
    PCollectionTuple sessions = events.apply("Sessions", SessionWindows.of(windowings.sessions()));
    PCollectionTuple sliding =
        events.apply("SlidingActivity", SlidingActivityWindows.of(windowings.sliding()));
    PCollection<Alert> alerts =
        activity.get(UserActivityWindows.ACTIVITY).apply("Alerts", RaiseAlerts.by(rule));
    PCollection<TooLateEvent> tooLate =
        PCollectionList.of(
                named(activity.get(UserActivityWindows.TOO_LATE), UserActivityTable.NAME))
            .and(named(sessions.get(SessionWindows.TOO_LATE), SessionsTable.NAME))
            .and(named(sliding.get(SlidingActivityWindows.TOO_LATE), SlidingActivityTable.NAME))
            .apply("AllTooLate", Flatten.pCollections());
    return PCollectionTuple.of(ACTIVITY, activity.get(UserActivityWindows.ACTIVITY))
        .and(SESSIONS, sessions.get(SessionWindows.SESSIONS))
        .and(SLIDING, sliding.get(SlidingActivityWindows.SLIDING))
        .and(ALERTS, alerts)
        .and(
            USER_STATE,
            counted.apply(
                "UserState",
                storedUserStates == null
                    ? UserStates.running()
                    : UserStates.running().startingFrom(storedUserStates)))
        .and(TOO_LATE, tooLate);
  }

  private static PCollection<TooLateEvent> named(PCollection<ClickEvent> late, String output) {
    return late.apply(
            "TooLateFor_" + output,
            MapElements.into(TypeDescriptor.of(TooLateEvent.class))
                .via((ClickEvent e) -> new TooLateEvent(output, e)))
        // The three come in different windows; the table needs none of them.
        .apply(
            "GlobalWindowFor_" + output,
            Window.<TooLateEvent>into(new GlobalWindows())
                .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes());
  }
}
