package io.onceflow.transforms.transactions;

import java.io.Serializable;
import org.joda.time.Duration;

/**
 * How transactions are grouped in event time: fixed windows of {@code windowSize}, open for {@code
 * allowedLateness} after they end, a speculative (early) pane {@code earlyFiringDelay} after a
 * pane's first element, and a late pane for every late element, or at most one per {@code
 * lateFiringDelay} when that is positive. Defaults: 1 h, 2 h, 1 min, every late element.
 */
public final class AggregationWindowing implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final AggregationWindowing DEFAULT =
      new AggregationWindowing(
          Duration.standardHours(1),
          Duration.standardHours(2),
          Duration.standardMinutes(1),
          Duration.ZERO);

  public final Duration windowSize;
  public final Duration allowedLateness;
  public final Duration earlyFiringDelay;
  public final Duration lateFiringDelay;

  private AggregationWindowing(
      Duration windowSize,
      Duration allowedLateness,
      Duration earlyFiringDelay,
      Duration lateFiringDelay) {
    check("windowSize", windowSize, true);
    check("allowedLateness", allowedLateness, false);
    check("earlyFiringDelay", earlyFiringDelay, true);
    check("lateFiringDelay", lateFiringDelay, false);
    this.windowSize = windowSize;
    this.allowedLateness = allowedLateness;
    this.earlyFiringDelay = earlyFiringDelay;
    this.lateFiringDelay = lateFiringDelay;
  }

  public AggregationWindowing withWindowSize(Duration d) {
    return new AggregationWindowing(d, allowedLateness, earlyFiringDelay, lateFiringDelay);
  }

  public AggregationWindowing withAllowedLateness(Duration d) {
    return new AggregationWindowing(windowSize, d, earlyFiringDelay, lateFiringDelay);
  }

  public AggregationWindowing withEarlyFiringDelay(Duration d) {
    return new AggregationWindowing(windowSize, allowedLateness, d, lateFiringDelay);
  }

  public AggregationWindowing withLateFiringDelay(Duration d) {
    return new AggregationWindowing(windowSize, allowedLateness, earlyFiringDelay, d);
  }

  /** The end of the event-time window holding {@code timestampMillis}. */
  long windowEnd(long timestampMillis) {
    long size = windowSize.getMillis();
    return Math.floorDiv(timestampMillis, size) * size + size;
  }

  private static void check(String name, Duration d, boolean strictlyPositive) {
    if (d == null || d.getMillis() < 0 || (strictlyPositive && d.getMillis() == 0)) {
      throw new IllegalArgumentException(
          name + " must be " + (strictlyPositive ? "positive" : "zero or positive") + ", was " + d);
    }
  }

  @Override
  public String toString() {
    return "window "
        + windowSize
        + ", lateness "
        + allowedLateness
        + ", early "
        + earlyFiringDelay
        + ", late "
        + lateFiringDelay;
  }
}
