package io.onceflow.transforms.windowing;

import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.joda.time.Duration;

/**
 * The windowing of an aggregate over all time (a per-user report, a ledger's totals): one global
 * window, a pane {@code every} interval of processing time after the first element of a pane,
 * accumulating, so that each pane holds everything seen so far; a bounded input ends with a last
 * pane. Nothing is late in the global window. Processing time, because Spark streaming has no
 * event-time timers.
 */
public final class RunningPanes {

  private RunningPanes() {}

  public static <T> Window<T> every(Duration every) {
    return Window.<T>into(new GlobalWindows())
        .triggering(
            Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane().plusDelayOf(every)))
        .withAllowedLateness(Duration.ZERO)
        .accumulatingFiredPanes();
  }
}
