package io.onceflow.pipelines;

import io.onceflow.transforms.metrics.MetricNames;
import io.onceflow.transforms.metrics.MetricTotals;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;

/**
 * One line every few seconds while a pipeline runs, from its metrics: records read and the rate
 * since the last line, panes emitted (final ones), commits, how far the watermark has got at least
 * (the end of the newest window that fired on time or late), dead letters and too-late records.
 */
public final class ProgressReporter implements AutoCloseable {

  private final Supplier<MetricTotals> metrics;
  private final PrintStream out;
  private final ScheduledExecutorService timer;
  private long lastRead;
  private long lastAt = System.nanoTime();
  // A gauge reports the last value set, and panes of older windows fire after newer ones: the
  // watermark never goes back, so neither does what is shown of it.
  private long watermark = Long.MIN_VALUE;

  private ProgressReporter(Supplier<MetricTotals> metrics, PrintStream out, long everySeconds) {
    this.metrics = metrics;
    this.out = out;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "onceflow-progress");
              t.setDaemon(true);
              return t;
            });
    if (everySeconds > 0) {
      timer.scheduleAtFixedRate(this::report, everySeconds, everySeconds, TimeUnit.SECONDS);
    }
  }

  /** Reports every {@code everySeconds} (none when 0) until closed. */
  public static ProgressReporter start(PipelineResult result, long everySeconds, PrintStream out) {
    return start(() -> MetricTotals.of(result), everySeconds, out);
  }

  /** The same from {@code metrics}, the pipeline's totals as its runner reports them now. */
  public static ProgressReporter start(
      Supplier<MetricTotals> metrics, long everySeconds, PrintStream out) {
    return new ProgressReporter(metrics, out, everySeconds);
  }

  private void report() {
    MetricTotals m;
    try {
      m = metrics.get();
    } catch (RuntimeException notAvailableYet) {
      out.println(
          "onceflow progress: metrics not available yet (" + notAvailableYet.getMessage() + ")");
      return;
    }
    m.gauge(MetricNames.WATERMARK_PASSED).ifPresent(w -> watermark = Math.max(watermark, w));
    long read = m.recordsRead();
    long now = System.nanoTime();
    double perSecond = (read - lastRead) / Math.max(1e-9, (now - lastAt) / 1e9);
    lastRead = read;
    lastAt = now;
    long dropped = m.counter(MetricNames.DROPPED_DUE_TO_LATENESS);
    out.printf(
        "onceflow progress: %,d read (%,.0f/s), %,d panes (%,d final), %,d commits, watermark >="
            + " %s, %,d dead letters, %,d too late%s%n",
        read,
        perSecond,
        m.counter(MetricNames.PANES),
        m.counter(MetricNames.FINAL_PANES),
        m.counter(MetricNames.COMMITS),
        watermark == Long.MIN_VALUE ? "(no window closed yet)" : Instant.ofEpochMilli(watermark),
        m.counter(MetricNames.DEAD_LETTERS),
        m.counter(MetricNames.TOO_LATE),
        dropped == 0 ? "" : String.format(", %,d DROPPED by the runner as late", dropped));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
