package io.onceflow.it.clickstream;

import static io.onceflow.pipelines.clickstream.ClickstreamScenarios.T0;
import static io.onceflow.pipelines.clickstream.ClickstreamScenarios.at;
import static io.onceflow.pipelines.clickstream.ClickstreamScenarios.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.RecordedOutputs;
import io.onceflow.it.support.RecordedOutputs.Emitted;
import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.pipelines.clickstream.Alert;
import io.onceflow.pipelines.clickstream.AlertRule;
import io.onceflow.pipelines.clickstream.ClickEvent;
import io.onceflow.pipelines.clickstream.ClickEventCoder;
import io.onceflow.pipelines.clickstream.RaiseAlerts;
import io.onceflow.pipelines.clickstream.SessionStats;
import io.onceflow.pipelines.clickstream.SessionWindows;
import io.onceflow.pipelines.clickstream.SlidingActivity;
import io.onceflow.pipelines.clickstream.SlidingActivityWindows;
import io.onceflow.pipelines.clickstream.UserActivity;
import io.onceflow.pipelines.clickstream.UserActivityWindows;
import io.onceflow.pipelines.clickstream.UserState;
import io.onceflow.pipelines.clickstream.UserStates;
import java.util.List;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.io.CreateStream;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The clickstream's late-data scenarios (those of {@code ClickstreamScenarios}) on in-process Spark
 * in streaming mode, over {@link CreateStream} micro-batches: each watermark step is followed by an
 * empty batch, so that every stage has seen it before the next events arrive (a stage may read the
 * previous batch's watermark). Every output is recorded as it is emitted ({@link RecordedOutputs})
 * and checked after the run: the on-time pane and the last pane of each window, and what is too
 * late. How many late panes come between depends on the micro-batching.
 */
public class SparkRunnerClickstreamIT {

  @Rule
  public final transient TestPipeline streaming =
      TestPipeline.fromOptions(TestRunnerOptions.sparkStreaming());

  private CreateStream<ClickEvent> stream() {
    return CreateStream.of(ClickEventCoder.of(), batchInterval())
        .emptyBatch()
        .advanceWatermarkForNextBatch(T0);
  }

  private Duration batchInterval() {
    return Duration.millis(
        streaming.getOptions().as(SparkPipelineOptions.class).getBatchIntervalMillis());
  }

  /** A watermark step to {@code to}, seen by every stage before the next batch. */
  private static <T> CreateStream<T> step(CreateStream<T> s, Instant to) {
    return s.advanceWatermarkForNextBatch(to)
        .emptyBatch()
        .advanceWatermarkForNextBatch(to.plus(Duration.millis(1)));
  }

  @SafeVarargs
  private static CreateStream<ClickEvent> batch(
      CreateStream<ClickEvent> s, TimestampedValue<ClickEvent>... events) {
    return s.nextBatch(events);
  }

  @Test
  public void userActivityRepeatedPagesEarliestDeviceLatePaneAndTooLate() {
    CreateStream<ClickEvent> s =
        batch(
            stream(),
            event("u1", "s1", "page_view", "/a", "desktop", at(1)),
            event("u1", "s1", "click", "/a", "desktop", at(2)),
            event("u1", "s1", "purchase", "/b", "desktop", at(3)),
            event("u1", "s1", "click", "/c", "tablet", at(0, 30)));
    s = batch(step(s, at(5)), event("u1", "s1", "click", "/a", "mobile", at(4)));
    s = batch(step(s, at(21)), event("u1", "s1", "purchase", "/z", "mobile", at(3, 10)));
    PCollectionTuple out =
        streaming
            .apply("Events", s.advanceNextBatchWatermarkToInfinity())
            .apply(UserActivityWindows.of(UserActivityWindows.DEFAULT_WINDOWING));
    out.get(UserActivityWindows.ACTIVITY)
        .apply(
            "RecordActivity", RecordedOutputs.as("activity", SparkRunnerClickstreamIT::activity));
    out.get(UserActivityWindows.TOO_LATE)
        .apply("RecordTooLate", RecordedOutputs.as("activityTooLate", e -> e.pageUrl));

    streaming.run().waitUntilFinish();

    assertThat(onTime("activity"))
        .containsExactly("10:00-10:05 u1 s1 4 events 3 pages 2 clicks 1 purchases tablet");
    assertThat(RecordedOutputs.lastPaneTextsOf("activity"))
        .containsExactly("10:00-10:05 u1 s1 5 events 3 pages 3 clicks 1 purchases tablet");
    assertThat(RecordedOutputs.textsOf("activityTooLate")).containsExactly("/z");
  }

  @Test
  public void sessionsMergeWhenALateEventBridgesThem() {
    CreateStream<ClickEvent> s =
        batch(
            stream(),
            event("u1", "s1", "page_view", "/a", "mobile", at(0)),
            event("u1", "s1", "purchase", "/b", "mobile", at(50)));
    s = batch(step(s, at(31)), event("u1", "s1", "click", "/a", "mobile", at(25)));
    s = step(s, at(81));
    PCollectionTuple out =
        streaming
            .apply("Events", s.advanceNextBatchWatermarkToInfinity())
            .apply(SessionWindows.of(SessionWindows.DEFAULT_WINDOWING));
    out.get(SessionWindows.SESSIONS)
        .apply("RecordSessions", RecordedOutputs.as("sessions", SparkRunnerClickstreamIT::session));
    out.get(SessionWindows.TOO_LATE)
        .apply("RecordTooLate", RecordedOutputs.as("sessionsTooLate", e -> e.pageUrl));

    streaming.run().waitUntilFinish();

    // The first burst's session closed on time alone; the bridging event merged it with the
    // second, and the merged session's last pane holds all three, in timestamp order.
    assertThat(onTime("sessions"))
        .contains("u1 s1 10:00-10:00 1 events page_view 0 purchases")
        .contains("u1 s1 10:00-10:50 3 events page_view,click,purchase 1 purchases");
    assertThat(RecordedOutputs.lastPaneTextsOf("sessions"))
        .containsExactly("u1 s1 10:00-10:50 3 events page_view,click,purchase 1 purchases");
    assertThat(RecordedOutputs.textsOf("sessionsTooLate")).isEmpty();
  }

  @Test
  public void slidingWindowsFiveOverlappingPanes() {
    CreateStream<ClickEvent> s =
        batch(
            stream(),
            event("u1", "s1", "click", "/a", "mobile", at(2, 30)),
            event("u1", "s1", "click", "/b", "mobile", at(2, 40)),
            event("u1", "s2", "page_view", "/a", "desktop", at(2, 50)));
    s = step(s, at(8));
    PCollectionTuple out =
        streaming
            .apply("Events", s.advanceNextBatchWatermarkToInfinity())
            .apply(SlidingActivityWindows.of(SlidingActivityWindows.DEFAULT_WINDOWING));
    out.get(SlidingActivityWindows.SLIDING)
        .apply("RecordSliding", RecordedOutputs.as("sliding", SparkRunnerClickstreamIT::sliding));

    streaming.run().waitUntilFinish();

    List<String> five =
        List.of(
            "09:58-10:03 u1 3 events 2 sessions",
            "09:59-10:04 u1 3 events 2 sessions",
            "10:00-10:05 u1 3 events 2 sessions",
            "10:01-10:06 u1 3 events 2 sessions",
            "10:02-10:07 u1 3 events 2 sessions");
    assertThat(onTime("sliding")).containsExactlyInAnyOrderElementsOf(five);
    assertThat(RecordedOutputs.lastPaneTextsOf("sliding"))
        .containsExactlyInAnyOrderElementsOf(five);
  }

  @Test
  public void anAlertRaisedEarlyThenResolved() {
    CreateStream<UserActivity> s =
        CreateStream.of(SerializableCoder.of(UserActivity.class), batchInterval())
            .emptyBatch()
            .advanceWatermarkForNextBatch(T0)
            .nextBatch(
                pane("u1", 6, 6, 0, "EARLY", false),
                pane("u2", 50, 0, 0, "EARLY", false),
                pane("u3", 3, 1, 0, "EARLY", false))
            .nextBatch(pane("u1", 6, 6, 1, "ON_TIME", false), pane("u3", 4, 1, 1, "ON_TIME", false))
            .nextBatch(
                pane("u1", 5, 5, 2, "LATE", true),
                pane("u2", 101, 0, 1, "LATE", true),
                pane("u3", 4, 1, 2, "LATE", true))
            .advanceNextBatchWatermarkToInfinity();
    streaming
        .apply("Panes", s)
        .apply(Window.into(FixedWindows.of(Duration.standardMinutes(5))))
        .apply(RaiseAlerts.by(AlertRule.DEFAULT))
        .apply(
            "RecordAlerts",
            RecordedOutputs.as(
                "alerts",
                (Alert a) -> a.userId + " " + a.paneIndex + " " + a.rule + " " + a.status));

    streaming.run().waitUntilFinish();

    assertThat(RecordedOutputs.textsOf("alerts"))
        .containsExactlyInAnyOrder(
            "u1 0 purchase_count > 5 OPEN",
            "u1 1 purchase_count > 5 OPEN",
            "u1 2 purchase_count > 5 RESOLVED",
            "u2 1 total_events > 100 CONFIRMED");
  }

  /**
   * user_state (ClickstreamScenarios' case): each user's running behaviour after each of their
   * events, a record delivered twice counting twice, and an event too late for every window still
   * counting (it moves first_seen back, not last_seen). The stateful step has no window, so the
   * micro-batching changes nothing: one state per event, the last one everything.
   */
  @Test
  public void userStateAcrossWindowsWithADuplicateAndATooLateEvent() {
    TimestampedValue<ClickEvent> purchase = event("u1", "s2", "purchase", "/b", "mobile", at(7));
    CreateStream<ClickEvent> s =
        batch(
            stream(),
            event("u1", "s1", "page_view", "/a", "mobile", at(1)),
            event("u1", "s1", "click", "/a", "mobile", at(2)),
            event("u2", "s9", "purchase", "/b", "tablet", at(3)));
    s = batch(step(s, at(6)), purchase, purchase);
    s = batch(step(s, at(200)), event("u1", "s1", "click", "/c", "mobile", at(0, 30)));
    streaming
        .apply("Events", s.advanceNextBatchWatermarkToInfinity())
        .apply(UserStates.running())
        .apply("RecordUserState", RecordedOutputs.as("userState", SparkRunnerClickstreamIT::state));

    streaming.run().waitUntilFinish();

    assertThat(RecordedOutputs.textsOf("userState"))
        .containsExactlyInAnyOrder(
            "u1 1 events 0 clicks 0 purchases [s1] 10:01..10:01",
            "u1 2 events 1 clicks 0 purchases [s1] 10:01..10:02",
            "u2 1 events 0 clicks 1 purchases [s9] 10:03..10:03",
            "u1 3 events 1 clicks 1 purchases [s1, s2] 10:01..10:07",
            "u1 4 events 1 clicks 2 purchases [s1, s2] 10:01..10:07",
            "u1 5 events 2 clicks 2 purchases [s1, s2] 10:00..10:07");
  }

  private static String state(UserState u) {
    return u.userId
        + " "
        + u.totalEvents
        + " events "
        + u.clickCount
        + " clicks "
        + u.purchaseCount
        + " purchases "
        + u.sessionIds
        + " "
        + hm(u.firstSeen)
        + ".."
        + hm(u.lastSeen);
  }

  private static TimestampedValue<UserActivity> pane(
      String user, long events, long purchases, long index, String timing, boolean isFinal) {
    return TimestampedValue.of(
        new UserActivity(
            at(0), at(5), user, "s1", events, events, 0, purchases, "mobile", index, timing,
            isFinal),
        at(4));
  }

  /** The descriptions of what came in ON_TIME panes. */
  private static List<String> onTime(String name) {
    return RecordedOutputs.of(name).stream()
        .filter(e -> e.timing() == org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing.ON_TIME)
        .map(Emitted::text)
        .toList();
  }

  private static String hm(Instant t) {
    return t.toString().substring(11, 16);
  }

  private static String activity(UserActivity a) {
    return hm(a.windowStart)
        + "-"
        + hm(a.windowEnd)
        + " "
        + a.userId
        + " "
        + a.sessionId
        + " "
        + a.totalEvents
        + " events "
        + a.uniquePages
        + " pages "
        + a.clickCount
        + " clicks "
        + a.purchaseCount
        + " purchases "
        + a.deviceType;
  }

  private static String session(SessionStats s) {
    return s.userId
        + " "
        + s.sessionId
        + " "
        + hm(s.sessionStart)
        + "-"
        + hm(s.sessionEnd)
        + " "
        + s.eventsInSession
        + " events "
        + s.eventSequence
        + " "
        + s.purchases
        + " purchases";
  }

  private static String sliding(SlidingActivity s) {
    return hm(s.windowStart)
        + "-"
        + hm(s.windowEnd)
        + " "
        + s.userId
        + " "
        + s.eventCount
        + " events "
        + s.sessionCount
        + " sessions";
  }
}
