package io.onceflow.transforms.io;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The event-time watermark of a stream source (a Kafka partition, a directory of files): it trails
 * the greatest event time read by a bounded out-of-orderness; and once the source has nothing left
 * to read <em>and</em> has read nothing for {@code idleAfter}, it follows the clock minus that
 * bound, so that the last windows of a quiet stream close. What arrives after that is late.
 *
 * <p>Why the idle delay: a source that catches up moves its watermark from the data's time to the
 * clock in one step, which for historical data is a jump of days. Records read just before the jump
 * are still on their way through the pipeline, and the DirectRunner's stateful DoFns (the dedup) do
 * not hold the watermark for an element that is already behind it (an allowed-late one): measured,
 * the jump overtook two such records in flight, which then counted as too late. Waiting until the
 * source has been quiet for a while lets them through first.
 *
 * <p>An event time more than {@code maxFuture} ahead of the clock (5 min unless set) moves no
 * watermark: one record dated 2036 would otherwise move it there, and every valid record after it
 * would be too late (issue 21). {@link RejectFutureEventTimes} makes such a record a dead letter.
 */
public final class StreamWatermark implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Duration maxOutOfOrderness;
  private final Duration idleAfter;
  private final Duration maxFuture;

  /** The maximum future unless {@link #withMaxFuture} says otherwise. */
  public static final Duration DEFAULT_MAX_FUTURE = Duration.standardMinutes(5);

  private StreamWatermark(Duration maxOutOfOrderness, Duration idleAfter, Duration maxFuture) {
    this.maxOutOfOrderness = maxOutOfOrderness;
    this.idleAfter = idleAfter;
    this.maxFuture = maxFuture;
  }

  public static StreamWatermark boundedOutOfOrderness(
      Duration maxOutOfOrderness, Duration idleAfter) {
    if (maxOutOfOrderness.getMillis() < 0 || idleAfter.getMillis() < 0) {
      throw new IllegalArgumentException(
          "out-of-orderness and idle delay must not be negative, were "
              + maxOutOfOrderness
              + " and "
              + idleAfter);
    }
    return new StreamWatermark(maxOutOfOrderness, idleAfter, DEFAULT_MAX_FUTURE);
  }

  /** An event time more than {@code maxFuture} ahead of the clock moves no watermark. */
  public StreamWatermark withMaxFuture(Duration maxFuture) {
    if (maxFuture.getMillis() < 0) {
      throw new IllegalArgumentException(
          "the maximum future must not be negative, was " + maxFuture);
    }
    return new StreamWatermark(maxOutOfOrderness, idleAfter, maxFuture);
  }

  public Duration maxFuture() {
    return maxFuture;
  }

  public Duration maxOutOfOrderness() {
    return maxOutOfOrderness;
  }

  public Duration idleAfter() {
    return idleAfter;
  }

  /**
   * A tracker for one reader that has already seen event times up to {@code maxEventTimeMillis}.
   */
  Tracker tracker(long maxEventTimeMillis, long nowMillis) {
    return new Tracker(maxEventTimeMillis, nowMillis);
  }

  /** The mutable state of one reader's watermark; not thread-safe, as readers are not. */
  final class Tracker {
    private long maxEventTime;
    private long lastReadAt;

    private Tracker(long maxEventTime, long nowMillis) {
      this.maxEventTime = maxEventTime;
      // A reader that was just (re)created has not been quiet yet.
      this.lastReadAt = nowMillis;
    }

    /**
     * A record was read; {@code eventTime} null when it has none, or too far ahead of the clock (it
     * then moves nothing).
     */
    void read(Instant eventTime, long nowMillis) {
      if (eventTime != null && eventTime.getMillis() - nowMillis <= maxFuture.getMillis()) {
        maxEventTime = Math.max(maxEventTime, eventTime.getMillis());
      }
      lastReadAt = nowMillis;
    }

    long maxEventTimeMillis() {
      return maxEventTime;
    }

    Instant watermark(boolean caughtUp, long nowMillis) {
      long byData =
          maxEventTime == BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis()
              ? maxEventTime
              : maxEventTime - maxOutOfOrderness.getMillis();
      if (caughtUp && nowMillis - lastReadAt >= idleAfter.getMillis()) {
        return new Instant(Math.max(byData, nowMillis - maxOutOfOrderness.getMillis()));
      }
      return new Instant(byData);
    }
  }
}
