package io.onceflow.transforms.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.apache.beam.sdk.testing.WindowFnTestUtils;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** The windows each kind of {@link EventTimeWindowing} assigns, and the values it refuses. */
class EventTimeWindowingTest {

  private static final Duration FIVE_MINUTES = Duration.standardMinutes(5);

  @Test
  void fixedWindowsPutAnElementInOneWindow() throws Exception {
    Set<String> windows = windows(EventTimeWindowing.fixed(FIVE_MINUTES), minutes(7));
    assertThat(windows).containsExactly(window(5, 10));
  }

  @Test
  void slidingWindowsPutAnElementInSizeOverPeriodWindows() throws Exception {
    Set<String> windows =
        windows(EventTimeWindowing.sliding(FIVE_MINUTES, Duration.standardMinutes(1)), minutes(7));
    assertThat(windows)
        .containsExactlyInAnyOrder(
            window(3, 8), window(4, 9), window(5, 10), window(6, 11), window(7, 12));
  }

  @Test
  void sessionWindowsMergeElementsCloserThanTheGap() throws Exception {
    EventTimeWindowing sessions = EventTimeWindowing.sessions(Duration.standardMinutes(10));
    assertThat(
            WindowFnTestUtils.runWindowFn(
                    sessions.windowFn(), java.util.List.of(minutes(0), minutes(5), minutes(30)))
                .keySet()
                .stream()
                .map(EventTimeWindowingTest::text)
                .toList())
        .containsExactlyInAnyOrder(window(0, 15), window(30, 40));
  }

  @Test
  void refusesWhatCannotBeAWindowing() {
    assertThatThrownBy(() -> EventTimeWindowing.fixed(Duration.ZERO))
        .hasMessageContaining("window size must be positive");
    assertThatThrownBy(() -> EventTimeWindowing.sliding(FIVE_MINUTES, Duration.standardMinutes(6)))
        .hasMessageContaining("must not exceed its size");
    assertThatThrownBy(
            () -> EventTimeWindowing.fixed(FIVE_MINUTES).withAllowedLateness(Duration.millis(-1)))
        .hasMessageContaining("allowed lateness must be zero or positive");
  }

  @Test
  void theTooLateSplitNeedsFixedWindows() {
    assertThatThrownBy(
            () ->
                SplitTooLate.of(
                    EventTimeWindowing.sessions(FIVE_MINUTES),
                    4,
                    (String s) -> s,
                    s -> new Instant(0)))
        .hasMessageContaining("needs fixed windows");
  }

  @Test
  void equalWindowingsAreEqual() {
    EventTimeWindowing a = EventTimeWindowing.fixed(FIVE_MINUTES).withAllowedLateness(FIVE_MINUTES);
    assertThat(a)
        .isEqualTo(EventTimeWindowing.fixed(FIVE_MINUTES).withAllowedLateness(FIVE_MINUTES));
    assertThat(a).isNotEqualTo(a.discarding());
  }

  private static Set<String> windows(EventTimeWindowing w, long timestamp) throws Exception {
    return WindowFnTestUtils.assignedWindows(w.windowFn(), timestamp).stream()
        .map(EventTimeWindowingTest::text)
        .collect(java.util.stream.Collectors.toSet());
  }

  private static long minutes(long m) {
    return Duration.standardMinutes(m).getMillis();
  }

  private static String window(long startMinute, long endMinute) {
    return text(
        new IntervalWindow(new Instant(minutes(startMinute)), new Instant(minutes(endMinute))));
  }

  private static String text(IntervalWindow w) {
    return w.start().getMillis() / 60_000 + ".." + w.end().getMillis() / 60_000;
  }
}
