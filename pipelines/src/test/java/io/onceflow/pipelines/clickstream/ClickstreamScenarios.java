package io.onceflow.pipelines.clickstream;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The clickstream's late-data scenarios, written once and run by each runner's test: TestStream
 * input, the notebook's windowings, and exact pane expectations. Times are minutes (and seconds)
 * after {@link #T0}. No processing time passes, so no speculative pane fires: every pane here is
 * decided by the watermark.
 */
public final class ClickstreamScenarios {

  public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private ClickstreamScenarios() {}

  public static Instant at(int minute, int second) {
    return T0.plus(Duration.standardMinutes(minute)).plus(Duration.standardSeconds(second));
  }

  public static Instant at(int minute) {
    return at(minute, 0);
  }

  public static IntervalWindow window(int startMinute, int endMinute) {
    return new IntervalWindow(at(startMinute), at(endMinute));
  }

  public static TimestampedValue<ClickEvent> event(
      String user, String session, String type, String page, String device, Instant at) {
    return TimestampedValue.of(
        new ClickEvent(user, session, type, page, null, at, device, "10.0.0.1"), at);
  }

  public static TestStream.Builder<ClickEvent> stream() {
    return TestStream.create(ClickEventCoder.of()).advanceWatermarkTo(T0);
  }

  private static UserActivity activity(
      IntervalWindow w,
      long events,
      long pages,
      long clicks,
      long purchases,
      String device,
      long pane,
      String timing,
      boolean isFinal) {
    return new UserActivity(
        w.start(), w.end(), "u1", "s1", events, pages, clicks, purchases, device, pane, timing,
        isFinal);
  }

  /**
   * user_activity: repeated pages count once, the device is the earliest event's whatever the
   * arrival order, a late event within the lateness makes a late pane, the final pane fires when
   * the window closes (end + 10 min lateness + 5 min grace), and an event after that is too late:
   * on TOO_LATE, in no pane.
   */
  public static void userActivityLateAndTooLate(Pipeline p) {
    TestStream<ClickEvent> events =
        stream()
            .addElements(
                event("u1", "s1", "page_view", "/a", "desktop", at(1)),
                event("u1", "s1", "click", "/a", "desktop", at(2)),
                event("u1", "s1", "purchase", "/b", "desktop", at(3)),
                // Arrives last, happened first: its device is the window's.
                event("u1", "s1", "click", "/c", "tablet", at(0, 30)))
            .advanceWatermarkTo(at(5))
            .addElements(event("u1", "s1", "click", "/a", "mobile", at(4)))
            .advanceWatermarkTo(at(21))
            .addElements(event("u1", "s1", "purchase", "/z", "mobile", at(3, 10)))
            .advanceWatermarkToInfinity();
    PCollectionTuple out = p.apply(events).apply(UserActivityWindows.of(defaultActivity()));
    IntervalWindow w = window(0, 5);
    PAssert.that(out.get(UserActivityWindows.ACTIVITY))
        .inWindow(w)
        .containsInAnyOrder(
            activity(w, 4, 3, 2, 1, "tablet", 0, "ON_TIME", false),
            activity(w, 5, 3, 3, 1, "tablet", 1, "LATE", false),
            activity(w, 5, 3, 3, 1, "tablet", 2, "LATE", true));
    PAssert.that(out.get(UserActivityWindows.TOO_LATE))
        .containsInAnyOrder(event("u1", "s1", "purchase", "/z", "mobile", at(3, 10)).getValue());
  }

  /**
   * sessions: two bursts of one session id 50 minutes apart are two sessions (30-minute gap) until
   * an event that arrives after the first one's on-time pane falls between them: Beam merges the
   * windows and the merged session's panes hold all three events, in timestamp order. The merged
   * window's panes count from 0 again: Beam keeps no pane index of the windows it merged away.
   */
  public static void sessionsMergeWhenALateEventBridgesThem(Pipeline p) {
    TestStream<ClickEvent> events =
        stream()
            .addElements(
                event("u1", "s1", "page_view", "/a", "mobile", at(0)),
                event("u1", "s1", "purchase", "/b", "mobile", at(50)))
            .advanceWatermarkTo(at(31))
            .addElements(event("u1", "s1", "click", "/a", "mobile", at(25)))
            .advanceWatermarkTo(at(81))
            .advanceWatermarkToInfinity();
    PCollection<SessionStats> sessions =
        p.apply(events)
            .apply(SessionWindows.of(SessionWindows.DEFAULT_WINDOWING))
            .get(SessionWindows.SESSIONS);
    PAssert.that(sessions)
        .inWindow(window(0, 30))
        .containsInAnyOrder(
            new SessionStats("u1", "s1", at(0), at(0), 1, "page_view", 0, 0, "ON_TIME", false));
    IntervalWindow merged = window(0, 80);
    PAssert.that(sessions)
        .inOnTimePane(merged)
        .containsInAnyOrder(
            new SessionStats(
                "u1", "s1", at(0), at(50), 3, "page_view,click,purchase", 1, 0, "ON_TIME", false));
    PAssert.that(sessions)
        .inFinalPane(merged)
        .containsInAnyOrder(
            new SessionStats(
                "u1", "s1", at(0), at(50), 3, "page_view,click,purchase", 1, 1, "LATE", true));
  }

  /**
   * user_activity_sliding: events at 10:02:30-10:02:50 are in the five 5-minute windows that start
   * at 09:58 … 10:02, each with its own on-time and final pane; two sessions of the user count as
   * two.
   */
  public static void slidingWindowsFiveOverlappingPanes(Pipeline p) {
    TestStream<ClickEvent> events =
        stream()
            .addElements(
                event("u1", "s1", "click", "/a", "mobile", at(2, 30)),
                event("u1", "s1", "click", "/b", "mobile", at(2, 40)),
                event("u1", "s2", "page_view", "/a", "desktop", at(2, 50)))
            .advanceWatermarkTo(at(8))
            .advanceWatermarkToInfinity();
    PCollection<SlidingActivity> sliding =
        p.apply(events)
            .apply(SlidingActivityWindows.of(SlidingActivityWindows.DEFAULT_WINDOWING))
            .get(SlidingActivityWindows.SLIDING);
    for (int start = -2; start <= 2; start++) {
      IntervalWindow w = window(start, start + 5);
      PAssert.that(sliding)
          .inOnTimePane(w)
          .containsInAnyOrder(
              new SlidingActivity(w.start(), w.end(), "u1", 3, 2, 0, "ON_TIME", false));
      PAssert.that(sliding)
          .inFinalPane(w)
          .containsInAnyOrder(new SlidingActivity(w.start(), w.end(), "u1", 3, 2, 1, "LATE", true));
    }
  }

  private static UserActivity pane(
      String user, long events, long purchases, long index, String timing, boolean isFinal) {
    return new UserActivity(
        at(0), at(5), user, "s1", events, events, 0, purchases, "mobile", index, timing, isFinal);
  }

  /**
   * alerts: the rule per window in pane order. u1's early pane has 6 purchases (OPEN), its on-time
   * pane still 6 (OPEN), its final pane 5 (RESOLVED, naming the rule that had fired); u2 breaks the
   * event rule in its final pane only (CONFIRMED); u3 never breaks it (no alert).
   */
  public static void alertRaisedEarlyThenResolved(Pipeline p) {
    TestStream<UserActivity> panes =
        TestStream.create(SerializableCoder.of(UserActivity.class))
            .advanceWatermarkTo(T0)
            .addElements(
                TimestampedValue.of(pane("u1", 6, 6, 0, "EARLY", false), at(4)),
                TimestampedValue.of(pane("u2", 50, 0, 0, "EARLY", false), at(4)),
                TimestampedValue.of(pane("u3", 3, 1, 0, "EARLY", false), at(4)))
            .addElements(
                TimestampedValue.of(pane("u1", 6, 6, 1, "ON_TIME", false), at(4)),
                TimestampedValue.of(pane("u3", 4, 1, 1, "ON_TIME", false), at(4)))
            .addElements(
                TimestampedValue.of(pane("u1", 5, 5, 2, "LATE", true), at(4)),
                TimestampedValue.of(pane("u2", 101, 0, 1, "LATE", true), at(4)),
                TimestampedValue.of(pane("u3", 4, 1, 2, "LATE", true), at(4)))
            .advanceWatermarkToInfinity();
    PCollection<Alert> alerts =
        p.apply(panes)
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(5))))
            .apply(RaiseAlerts.by(AlertRule.DEFAULT));
    String purchases = "purchase_count > 5";
    PAssert.that(alerts)
        .containsInAnyOrder(
            Alert.of(pane("u1", 6, 6, 0, "EARLY", false), purchases, Alert.OPEN),
            Alert.of(pane("u1", 6, 6, 1, "ON_TIME", false), purchases, Alert.OPEN),
            Alert.of(pane("u1", 5, 5, 2, "LATE", true), purchases, Alert.RESOLVED),
            Alert.of(pane("u2", 101, 0, 1, "LATE", true), "total_events > 100", Alert.CONFIRMED));
  }

  /**
   * user_state: u1's running behaviour after each of its events, across two activity windows and
   * two sessions. A record delivered twice is two events (the seed has no event id; the pipeline
   * does not deduplicate, and {@code user_activity} counts it twice too). An event that arrives
   * after every window of its time has closed is too late for the three windowed outputs, but it is
   * one of u1's events: it counts, moves {@code firstSeen} back and leaves {@code lastSeen}. u2's
   * state is its own.
   */
  public static void userStateAcrossWindowsWithADuplicateAndATooLateEvent(Pipeline p) {
    TimestampedValue<ClickEvent> purchase = event("u1", "s2", "purchase", "/b", "mobile", at(7));
    TimestampedValue<ClickEvent> tooLate = event("u1", "s1", "click", "/c", "mobile", at(0, 30));
    TestStream<ClickEvent> events =
        stream()
            .addElements(
                event("u1", "s1", "page_view", "/a", "mobile", at(1)),
                event("u1", "s1", "click", "/a", "mobile", at(2)),
                event("u2", "s9", "purchase", "/b", "tablet", at(3)))
            .advanceWatermarkTo(at(6))
            .addElements(purchase)
            .addElements(purchase)
            // Past every window, lateness and grace of the events at 10:00-10:05.
            .advanceWatermarkTo(at(200))
            .addElements(tooLate)
            .advanceWatermarkToInfinity();
    PCollectionTuple out =
        ProcessClickstream.of(
                "clickstream", ProcessClickstream.Windowings.DEFAULT, AlertRule.DEFAULT)
            .aggregate(p.apply(events));
    PAssert.that(out.get(ProcessClickstream.USER_STATE))
        .containsInAnyOrder(
            new UserState("u1", 1, 0, 0, sessions("s1"), at(1), at(1)),
            new UserState("u1", 2, 1, 0, sessions("s1"), at(1), at(2)),
            new UserState("u2", 1, 0, 1, sessions("s9"), at(3), at(3)),
            new UserState("u1", 3, 1, 1, sessions("s1", "s2"), at(1), at(7)),
            new UserState("u1", 4, 1, 2, sessions("s1", "s2"), at(1), at(7)),
            new UserState("u1", 5, 2, 2, sessions("s1", "s2"), at(0, 30), at(7)));
    PAssert.that(out.get(ProcessClickstream.TOO_LATE))
        .containsInAnyOrder(
            new TooLateEvent(UserActivityTable.NAME, tooLate.getValue()),
            new TooLateEvent(SessionsTable.NAME, tooLate.getValue()),
            new TooLateEvent(SlidingActivityTable.NAME, tooLate.getValue()));
  }

  static io.onceflow.transforms.windowing.EventTimeWindowing defaultActivity() {
    return UserActivityWindows.DEFAULT_WINDOWING;
  }

  private static java.util.SortedSet<String> sessions(String... ids) {
    return new java.util.TreeSet<>(java.util.List.of(ids));
  }
}
