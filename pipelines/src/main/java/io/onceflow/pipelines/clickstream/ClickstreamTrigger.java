package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.windowing.EventTimeWindowing;
import java.util.List;
import org.joda.time.Duration;

/**
 * The notebook's trigger kinds as Beam triggers. Its {@code processingTime="2 minutes"} is an early
 * pane a fixed processing-time delay after a pane's first event. Its continuous mode (1 s
 * checkpoints) is an early pane one millisecond after each new event: the pane fires at the
 * runner's next processing-time tick, per element or per bundle, Beam's lowest latency. On-time,
 * late and final panes fire by the watermark in both, which the notebook's triggers have no notion
 * of. The notebook's {@code once} and {@code availableNow} are not triggers but a run that reads
 * what the topic holds now and stops ({@code available-now}, {@link
 * io.onceflow.transforms.io.AvailableNow}); its windows fire as with {@code continuous}, so that a
 * window still open when the run stops has a row holding everything read of it.
 */
final class ClickstreamTrigger {

  static final String PROCESSING_TIME = "processing-time";
  static final String CONTINUOUS = "continuous";
  static final String AVAILABLE_NOW = "available-now";
  static final List<String> KINDS = List.of(PROCESSING_TIME, CONTINUOUS, AVAILABLE_NOW);

  private static final Duration NEXT_TICK = Duration.millis(1);

  private ClickstreamTrigger() {}

  /** The speculative-pane delay of {@code kind}; fails naming {@code --trigger}. */
  static Duration earlyFiringDelay(String kind, int firingSeconds) {
    if (PROCESSING_TIME.equals(kind)) {
      return Duration.standardSeconds(firingSeconds);
    }
    if (CONTINUOUS.equals(kind) || AVAILABLE_NOW.equals(kind)) {
      return NEXT_TICK;
    }
    throw new IllegalArgumentException(
        "--trigger must be one of " + KINDS + ", was '" + kind + "'");
  }

  static EventTimeWindowing apply(EventTimeWindowing w, String kind, int firingSeconds) {
    return w.withEarlyFiringDelay(earlyFiringDelay(kind, firingSeconds));
  }
}
