package io.onceflow.transforms.windowing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IncompatibleWindowException;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.NonMergingWindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowMappingFn;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Sliding windows of one size, one starting every period, aligned to the epoch, that put every
 * instant in the size / period windows holding it, before 1970 too: Beam's {@code SlidingWindows}
 * (2.70) has the remainder problem of its fixed windows ({@link EpochAlignedFixedWindows}). The
 * windows are [k × period, k × period + size) for every integer k; the same as {@code
 * SlidingWindows.of(size).every(period)} from the epoch on ({@code EpochAlignedFixedWindowsTest}).
 */
public final class EpochAlignedSlidingWindows extends NonMergingWindowFn<Object, IntervalWindow> {

  private static final long serialVersionUID = 1L;

  private final Duration size;
  private final Duration period;

  private EpochAlignedSlidingWindows(Duration size, Duration period) {
    if (size.getMillis() <= 0 || period.getMillis() <= 0) {
      throw new IllegalArgumentException(
          "a window's size and period must be positive, were " + size + " and " + period);
    }
    this.size = size;
    this.period = period;
  }

  public static EpochAlignedSlidingWindows of(Duration size, Duration period) {
    return new EpochAlignedSlidingWindows(size, period);
  }

  public Duration getSize() {
    return size;
  }

  public Duration getPeriod() {
    return period;
  }

  @Override
  public Collection<IntervalWindow> assignWindows(AssignContext c) {
    return assignWindows(c.timestamp());
  }

  /** Every window holding {@code t}, the latest first. */
  public List<IntervalWindow> assignWindows(Instant t) {
    List<IntervalWindow> windows = new ArrayList<>();
    long lastStart = lastStartFor(t.getMillis());
    for (long start = lastStart;
        start > t.getMillis() - size.getMillis();
        start -= period.getMillis()) {
      windows.add(new IntervalWindow(new Instant(start), size));
    }
    return windows;
  }

  private long lastStartFor(long t) {
    return t - Math.floorMod(t, period.getMillis());
  }

  /** A side input in these windows, for a main input window: the latest window holding its end. */
  @Override
  public WindowMappingFn<IntervalWindow> getDefaultWindowMappingFn() {
    return new WindowMappingFn<>() {
      @Override
      public IntervalWindow getSideInputWindow(BoundedWindow mainWindow) {
        if (mainWindow instanceof org.apache.beam.sdk.transforms.windowing.GlobalWindow) {
          throw new IllegalArgumentException(
              "a side input in sliding windows cannot serve the global window");
        }
        long start = lastStartFor(mainWindow.maxTimestamp().getMillis());
        return new IntervalWindow(new Instant(start), size);
      }
    };
  }

  @Override
  public boolean assignsToOneWindow() {
    return period.isEqual(size) || period.isLongerThan(size);
  }

  @Override
  public Coder<IntervalWindow> windowCoder() {
    return IntervalWindow.getCoder();
  }

  @Override
  public boolean isCompatible(WindowFn<?, ?> other) {
    return equals(other);
  }

  @Override
  public void verifyCompatibility(WindowFn<?, ?> other) throws IncompatibleWindowException {
    if (!isCompatible(other)) {
      throw new IncompatibleWindowException(
          other,
          "only epoch-aligned sliding windows of size "
              + size
              + " every "
              + period
              + " are compatible");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EpochAlignedSlidingWindows w
        && size.equals(w.size)
        && period.equals(w.period);
  }

  @Override
  public int hashCode() {
    return Objects.hash(EpochAlignedSlidingWindows.class, size, period);
  }

  @Override
  public String toString() {
    return "EpochAlignedSlidingWindows(" + size + " every " + period + ")";
  }
}
