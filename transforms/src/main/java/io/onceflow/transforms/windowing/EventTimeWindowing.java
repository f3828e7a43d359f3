package io.onceflow.transforms.windowing;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Sessions;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.Window.ClosingBehavior;
import org.apache.beam.sdk.transforms.windowing.Window.OnTimeBehavior;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.joda.time.Duration;

/**
 * How a pipeline groups its elements in event time, as one value: the windows (fixed, sliding or
 * session windows), how long a window stays open after it ends ({@code allowedLateness}), and its
 * panes: a speculative (early) pane {@code earlyFiringDelay} after a pane's first element, one
 * on-time pane, and a late pane for every late element (or at most one per {@code lateFiringDelay}
 * when that is positive); accumulating, each pane holding everything seen so far, or discarding.
 *
 * <p>{@link #window(Duration)} turns it into Beam's {@code Window} transform. An on-time pane is
 * fired only if it has something new ({@code FIRE_IF_NON_EMPTY}): Flink otherwise emits an extra,
 * empty on-time pane. The final pane fires when the window closes, even when empty ({@code
 * FIRE_ALWAYS}), so every window ends with a pane that says it is final.
 */
public final class EventTimeWindowing implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The shapes of event-time windows. */
  public enum Kind {
    /** Back-to-back windows of {@code size}. */
    FIXED,
    /** Windows of {@code size} starting every {@code period}: an element is in size / period. */
    SLIDING,
    /** Per key, windows of activity that end after {@code size} (the gap) without an element. */
    SESSIONS
  }

  public final Kind kind;

  /** The window size, or for sessions the gap that ends one. */
  public final Duration size;

  /** How often a sliding window starts; equal to the size for fixed windows, zero for sessions. */
  public final Duration period;

  public final Duration allowedLateness;
  public final Duration earlyFiringDelay;
  public final Duration lateFiringDelay;
  public final boolean accumulating;

  private EventTimeWindowing(
      Kind kind,
      Duration size,
      Duration period,
      Duration allowedLateness,
      Duration earlyFiringDelay,
      Duration lateFiringDelay,
      boolean accumulating) {
    check("window size", size, true);
    check("allowed lateness", allowedLateness, false);
    check("early firing delay", earlyFiringDelay, true);
    check("late firing delay", lateFiringDelay, false);
    if (kind == Kind.SLIDING) {
      check("window period", period, true);
      if (period.isLongerThan(size)) {
        throw new IllegalArgumentException(
            "a sliding window's period (" + period + ") must not exceed its size (" + size + ")");
      }
    }
    this.kind = kind;
    this.size = size;
    this.period = period;
    this.allowedLateness = allowedLateness;
    this.earlyFiringDelay = earlyFiringDelay;
    this.lateFiringDelay = lateFiringDelay;
    this.accumulating = accumulating;
  }

  /**
   * Fixed windows of {@code size}, no allowed lateness, an early pane a minute after a pane's first
   * element, a late pane per late element, accumulating.
   */
  public static EventTimeWindowing fixed(Duration size) {
    return new EventTimeWindowing(
        Kind.FIXED, size, size, Duration.ZERO, Duration.standardMinutes(1), Duration.ZERO, true);
  }

  /** Like {@link #fixed}, but windows of {@code size} starting every {@code period}. */
  public static EventTimeWindowing sliding(Duration size, Duration period) {
    return new EventTimeWindowing(
        Kind.SLIDING,
        size,
        period,
        Duration.ZERO,
        Duration.standardMinutes(1),
        Duration.ZERO,
        true);
  }

  /** Like {@link #fixed}, but session windows per key that end after {@code gap} of inactivity. */
  public static EventTimeWindowing sessions(Duration gap) {
    return new EventTimeWindowing(
        Kind.SESSIONS,
        gap,
        Duration.ZERO,
        Duration.ZERO,
        Duration.standardMinutes(1),
        Duration.ZERO,
        true);
  }

  public EventTimeWindowing withAllowedLateness(Duration d) {
    return new EventTimeWindowing(
        kind, size, period, d, earlyFiringDelay, lateFiringDelay, accumulating);
  }

  public EventTimeWindowing withEarlyFiringDelay(Duration d) {
    return new EventTimeWindowing(
        kind, size, period, allowedLateness, d, lateFiringDelay, accumulating);
  }

  public EventTimeWindowing withLateFiringDelay(Duration d) {
    return new EventTimeWindowing(
        kind, size, period, allowedLateness, earlyFiringDelay, d, accumulating);
  }

  /** Each pane holds only what is new since the previous one. */
  public EventTimeWindowing discarding() {
    return new EventTimeWindowing(
        kind, size, period, allowedLateness, earlyFiringDelay, lateFiringDelay, false);
  }

  /**
   * Beam's window function for these windows: fixed and sliding ones aligned to the epoch before it
   * too ({@link EpochAlignedFixedWindows}: Beam's own put an instant more than one window before
   * 1970 in a window that does not hold it).
   */
  public WindowFn<Object, IntervalWindow> windowFn() {
    return switch (kind) {
      case FIXED -> EpochAlignedFixedWindows.of(size);
      case SLIDING -> EpochAlignedSlidingWindows.of(size, period);
      case SESSIONS -> Sessions.withGapDuration(size);
    };
  }

  /** Early panes on a processing-time delay, one on-time pane, late panes for late data. */
  public Trigger trigger() {
    Trigger.OnceTrigger late =
        lateFiringDelay.getMillis() == 0
            ? AfterPane.elementCountAtLeast(1)
            : AfterProcessingTime.pastFirstElementInPane().plusDelayOf(lateFiringDelay);
    return AfterWatermark.pastEndOfWindow()
        .withEarlyFirings(
            AfterProcessingTime.pastFirstElementInPane().plusDelayOf(earlyFiringDelay))
        .withLateFirings(late);
  }

  /**
   * Beam's {@code Window} transform for these windows and panes, keeping each window open {@code
   * grace} beyond the allowed lateness (a caller that judges lateness itself, like {@link
   * SplitTooLate} on Spark, needs a margin; zero for none).
   */
  public <T> Window<T> window(Duration grace) {
    Window<T> window =
        Window.<T>into(windowFn())
            .triggering(trigger())
            .withAllowedLateness(allowedLateness.plus(grace), ClosingBehavior.FIRE_ALWAYS)
            .withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY);
    return accumulating ? window.accumulatingFiredPanes() : window.discardingFiredPanes();
  }

  /** The end of the fixed window holding {@code timestampMillis} (fixed windows only). */
  long fixedWindowEnd(long timestampMillis) {
    if (kind != Kind.FIXED) {
      throw new IllegalStateException("only fixed windows have one window per element: " + this);
    }
    long millis = size.getMillis();
    return Math.floorDiv(timestampMillis, millis) * millis + millis;
  }

  private static void check(String name, Duration d, boolean strictlyPositive) {
    if (d == null || d.getMillis() < 0 || (strictlyPositive && d.getMillis() == 0)) {
      throw new IllegalArgumentException(
          name + " must be " + (strictlyPositive ? "positive" : "zero or positive") + ", was " + d);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventTimeWindowing w
        && w.kind == kind
        && w.size.equals(size)
        && w.period.equals(period)
        && w.allowedLateness.equals(allowedLateness)
        && w.earlyFiringDelay.equals(earlyFiringDelay)
        && w.lateFiringDelay.equals(lateFiringDelay)
        && w.accumulating == accumulating;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, size, period, allowedLateness, earlyFiringDelay, lateFiringDelay);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + size
        + (kind == Kind.SLIDING ? " every " + period : "")
        + ", lateness "
        + allowedLateness
        + ", early "
        + earlyFiringDelay
        + ", late "
        + lateFiringDelay
        + (accumulating ? ", accumulating" : ", discarding");
  }
}
