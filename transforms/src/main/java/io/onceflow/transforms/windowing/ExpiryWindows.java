package io.onceflow.transforms.windowing;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.NonMergingWindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowMappingFn;
import org.joda.time.Instant;

/**
 * Puts an element in its fixed event-time window stretched by the allowed lateness: the window
 * {@code [start, end + allowedLateness)}. Its end is the moment the aggregation closes the fixed
 * window, so the watermark has passed it exactly when the element is too late to be counted.
 */
final class ExpiryWindows extends NonMergingWindowFn<Object, IntervalWindow> {

  private final EventTimeWindowing windowing;

  ExpiryWindows(EventTimeWindowing windowing) {
    this.windowing = windowing;
  }

  @Override
  public Collection<IntervalWindow> assignWindows(AssignContext c) {
    long end = windowing.fixedWindowEnd(c.timestamp().getMillis());
    long start = end - windowing.size.getMillis();
    return Collections.singletonList(
        new IntervalWindow(
            new Instant(start), new Instant(end + windowing.allowedLateness.getMillis())));
  }

  @Override
  public boolean isCompatible(WindowFn<?, ?> other) {
    return equals(other);
  }

  @Override
  public Coder<IntervalWindow> windowCoder() {
    return IntervalWindow.getCoder();
  }

  @Override
  public WindowMappingFn<IntervalWindow> getDefaultWindowMappingFn() {
    throw new UnsupportedOperationException("ExpiryWindows cannot be used for side inputs");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExpiryWindows other
        && other.windowing.size.equals(windowing.size)
        && other.windowing.allowedLateness.equals(windowing.allowedLateness);
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowing.size, windowing.allowedLateness);
  }
}
