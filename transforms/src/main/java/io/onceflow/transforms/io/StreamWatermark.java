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
 */
public final class StreamWatermark implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Duration maxOutOfOrderness;
  private final Duration idleAfter;

  private StreamWatermark(Duration maxOutOfOrderness, Duration idleAfter) {
    this.maxOutOfOrderness = maxOutOfOrderness;
    this.idleAfter = idleAfter;
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
    return new StreamWatermark(maxOutOfOrderness, idleAfter);
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

    /** A record was read; {@code eventTime} null when it has none (it then moves nothing). */
    void read(Instant eventTime, long nowMillis) {
      if (eventTime != null) {
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
