package io.onceflow.pipelines.ledger;

import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.joda.time.Duration;

/**
 * The windowing of the ledger's running aggregates (the summary, the conflicts): one global window,
 * since a ledger's totals are over all time, with a pane {@code every} interval of processing time
 * after the first element of a pane, accumulating, so that each pane holds everything seen so far;
 * a bounded input ends with a last pane. Processing time, because Spark streaming has no event-time
 * timers and because the notebook's trigger is one.
 */
final class RunningPanes {

  private RunningPanes() {}

  static <T> Window<T> every(Duration every) {
    return Window.<T>into(new GlobalWindows())
        .triggering(
            Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane().plusDelayOf(every)))
        .withAllowedLateness(Duration.ZERO)
        .accumulatingFiredPanes();
  }
}
