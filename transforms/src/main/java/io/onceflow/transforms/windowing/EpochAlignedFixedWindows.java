package io.onceflow.transforms.windowing;

import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.IncompatibleWindowException;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PartitioningWindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Fixed windows of one size, aligned to the epoch, that put every instant in the window holding it,
 * those before 1970 too. Beam's {@code FixedWindows} (2.70) finds a window's start with Java's
 * remainder, which is negative for a negative operand: an instant more than one window before the
 * epoch lands in the window after its own (an event at 1969-12-31T22:30Z in the hour from 23:00), a
 * window that does not contain it. The start here is the instant minus the floor modulus, so every
 * window is [k × size, (k + 1) × size) for an integer k, as after the epoch. The same windows as
 * {@code FixedWindows.of(size)} from the epoch on ({@code EpochAlignedFixedWindowsTest}).
 */
public final class EpochAlignedFixedWindows extends PartitioningWindowFn<Object, IntervalWindow> {

  private static final long serialVersionUID = 1L;

  private final Duration size;

  private EpochAlignedFixedWindows(Duration size) {
    if (size.getMillis() <= 0) {
      throw new IllegalArgumentException("a window's size must be positive, was " + size);
    }
    this.size = size;
  }

  public static EpochAlignedFixedWindows of(Duration size) {
    return new EpochAlignedFixedWindows(size);
  }

  public Duration getSize() {
    return size;
  }

  @Override
  public IntervalWindow assignWindow(Instant timestamp) {
    long start = timestamp.getMillis() - Math.floorMod(timestamp.getMillis(), size.getMillis());
    // As Beam's: a window is never to end after the global window (the last instant Beam has).
    long endOfTime = GlobalWindow.INSTANCE.maxTimestamp().getMillis() + 1;
    long end = start > endOfTime - size.getMillis() ? endOfTime : start + size.getMillis();
    return new IntervalWindow(new Instant(start), new Instant(end));
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
          other, "only epoch-aligned fixed windows of size " + size + " are compatible");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EpochAlignedFixedWindows w && size.equals(w.size);
  }

  @Override
  public int hashCode() {
    return Objects.hash(EpochAlignedFixedWindows.class, size);
  }

  @Override
  public String toString() {
    return "EpochAlignedFixedWindows(" + size + ")";
  }
}
