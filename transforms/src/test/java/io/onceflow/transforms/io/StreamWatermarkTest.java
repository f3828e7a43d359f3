package io.onceflow.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class StreamWatermarkTest {

  private static final StreamWatermark POLICY =
      StreamWatermark.boundedOutOfOrderness(
          Duration.standardSeconds(30), Duration.standardSeconds(10));
  private static final long NOW = Instant.parse("2026-11-24T12:00:00Z").getMillis();
  private static final Instant TWO_DAYS_AGO = Instant.parse("2026-11-22T08:00:00Z");

  @Test
  void trailsTheGreatestEventTimeReadByTheOutOfOrderness() {
    StreamWatermark.Tracker w = POLICY.tracker(BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis(), NOW);
    assertThat(w.watermark(false, NOW)).isEqualTo(BoundedWindow.TIMESTAMP_MIN_VALUE);

    w.read(TWO_DAYS_AGO, NOW);
    w.read(TWO_DAYS_AGO.minus(Duration.standardMinutes(20)), NOW);
    w.read(null, NOW);

    assertThat(w.watermark(false, NOW)).isEqualTo(TWO_DAYS_AGO.minus(Duration.standardSeconds(30)));
  }

  @Test
  void caughtUpFollowsTheClockOnlyAfterNothingWasReadForTheIdleDelay() {
    StreamWatermark.Tracker w = POLICY.tracker(BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis(), NOW);
    w.read(TWO_DAYS_AGO, NOW);

    // Records read an instant ago may still be on their way: no jump to the clock yet.
    assertThat(w.watermark(true, NOW + 9_999))
        .isEqualTo(TWO_DAYS_AGO.minus(Duration.standardSeconds(30)));
    // Still records to read: the data decides, however long it has been.
    assertThat(w.watermark(false, NOW + 60_000))
        .isEqualTo(TWO_DAYS_AGO.minus(Duration.standardSeconds(30)));

    assertThat(w.watermark(true, NOW + 10_000)).isEqualTo(new Instant(NOW + 10_000 - 30_000));
  }

  @Test
  void aRecreatedReaderIsNotIdleUntilTheDelayHasPassedAgain() {
    StreamWatermark.Tracker restored = POLICY.tracker(TWO_DAYS_AGO.getMillis(), NOW);

    assertThat(restored.watermark(true, NOW + 1_000))
        .isEqualTo(TWO_DAYS_AGO.minus(Duration.standardSeconds(30)));
    assertThat(restored.watermark(true, NOW + 10_000)).isEqualTo(new Instant(NOW - 20_000));
  }

  @Test
  void eventTimesAheadOfTheClockKeepTheWatermarkAtTheData() {
    StreamWatermark.Tracker w =
        POLICY
            .withMaxFuture(Duration.standardHours(2))
            .tracker(BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis(), NOW);
    Instant future = new Instant(NOW + 3_600_000);
    w.read(future, NOW);

    assertThat(w.watermark(true, NOW + 20_000))
        .isEqualTo(future.minus(Duration.standardSeconds(30)));
  }

  /** Beyond the maximum future (5 min unless set), an event time moves no watermark (issue 21). */
  @Test
  void anEventTimeBeyondTheMaximumFutureMovesNothing() {
    StreamWatermark.Tracker w = POLICY.tracker(BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis(), NOW);
    w.read(TWO_DAYS_AGO, NOW);
    w.read(new Instant(NOW + 300_001), NOW);
    assertThat(w.watermark(false, NOW)).isEqualTo(TWO_DAYS_AGO.minus(Duration.standardSeconds(30)));
    w.read(new Instant(NOW + 300_000), NOW);
    assertThat(w.watermark(false, NOW)).isEqualTo(new Instant(NOW + 300_000 - 30_000));
    assertThatThrownBy(() -> POLICY.withMaxFuture(Duration.millis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void negativeBoundsAreRefused() {
    assertThatThrownBy(
            () -> StreamWatermark.boundedOutOfOrderness(Duration.millis(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
  }
}
