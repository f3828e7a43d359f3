package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.parse.ParseRecords;
import io.onceflow.transforms.windowing.EventTimeWindowing;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
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

  private ProcessClickstream(String pipeline, Windowings windowings, AlertRule rule) {
    this.pipeline = pipeline;
    this.windowings = windowings;
    this.rule = rule;
  }

  public static ProcessClickstream of(String pipeline, Windowings windowings, AlertRule rule) {
    return new ProcessClickstream(pipeline, windowings, rule);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> records) {
    ParseRecords<ClickEvent> parse =
        ParseRecords.with(
            pipeline, ClickEventJsonParser::parse, e -> e.timestamp, ClickEventCoder.of());
    PCollectionTuple parsed = records.apply("Parse", parse);
    return aggregate(parsed.get(parse.parsed())).and(DEAD_LETTERS, parsed.get(parse.deadLetters()));
  }

  /** The five outputs and the too-late events, from parsed events (what tests feed). */
  public PCollectionTuple aggregate(PCollection<ClickEvent> events) {
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
        .and(USER_STATE, events.apply("UserState", UserStates.running()))
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
