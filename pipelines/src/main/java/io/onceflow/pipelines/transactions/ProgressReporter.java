package io.onceflow.pipelines.transactions;

import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * One line every few seconds while a pipeline runs, from its metrics: records read and the rate
 * since the last line, panes emitted (final ones), commits, how far the watermark has got at least
 * (the end of the newest window that fired on time or late), dead letters and too-late records.
 */
final class ProgressReporter implements AutoCloseable {

  private final PipelineResult result;
  private final PrintStream out;
  private final ScheduledExecutorService timer;
  private long lastRead;
  private long lastAt = System.nanoTime();
  // A gauge reports the last value set, and panes of older windows fire after newer ones: the
  // watermark never goes back, so neither does what is shown of it.
  private long watermark = Long.MIN_VALUE;

  private ProgressReporter(PipelineResult result, PrintStream out, long everySeconds) {
    this.result = result;
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
  static ProgressReporter start(PipelineResult result, long everySeconds, PrintStream out) {
    return new ProgressReporter(result, out, everySeconds);
  }

  private void report() {
    MetricQueryResults metrics;
    try {
      metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    } catch (RuntimeException notAvailableYet) {
      out.println(
          "onceflow progress: metrics not available yet (" + notAvailableYet.getMessage() + ")");
      return;
    }
    Map<String, Long> c = new HashMap<>();
    for (MetricResult<Long> counter : metrics.getCounters()) {
      c.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
    }
    for (MetricResult<GaugeResult> g : metrics.getGauges()) {
      if (g.getName().getName().equals("watermark_passed")) {
        watermark = Math.max(watermark, g.getAttempted().getValue());
      }
    }
    long read = c.getOrDefault("parsed", 0L) + c.getOrDefault("dead_letters", 0L);
    long now = System.nanoTime();
    double perSecond = (read - lastRead) / Math.max(1e-9, (now - lastAt) / 1e9);
    lastRead = read;
    lastAt = now;
    out.printf(
        "onceflow progress: %,d read (%,.0f/s), %,d panes (%,d final), %,d commits, watermark >="
            + " %s, %,d dead letters, %,d too late%s%n",
        read,
        perSecond,
        c.getOrDefault("panes", 0L),
        c.getOrDefault("final_panes", 0L),
        c.getOrDefault("commits", 0L),
        watermark == Long.MIN_VALUE ? "(no window closed yet)" : Instant.ofEpochMilli(watermark),
        c.getOrDefault("dead_letters", 0L),
        c.getOrDefault("too_late", 0L),
        c.getOrDefault(RunSummary.DROPPED, 0L) == 0
            ? ""
            : String.format(
                ", %,d DROPPED beyond the too-late retention", c.get(RunSummary.DROPPED)));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
