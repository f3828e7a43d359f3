package io.onceflow.pipelines;

import io.onceflow.transforms.metrics.MetricTotals;
import io.onceflow.transforms.metrics.MetricsEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;

/**
 * What a running pipeline shows of itself, for {@code run} and every demo: the progress line and
 * the {@code /metrics} endpoint (its address printed in one line, {@code onceflow metrics:
 * http://...}), both reading the totals the runner reports ({@link RunnerMetrics}).
 */
public final class RunMonitor implements AutoCloseable {

  private final ProgressReporter progress;
  private final MetricsEndpoint endpoint;

  private RunMonitor(ProgressReporter progress, MetricsEndpoint endpoint) {
    this.progress = progress;
    this.endpoint = endpoint;
  }

  /** Fails, naming the option, if {@code --metricsAddress} cannot be an address. */
  public static void checkAddress(RunOptions options) {
    if (!MetricsEndpoint.isOff(options.getMetricsAddress())) {
      BadOptionException.parsing(() -> MetricsEndpoint.check(options.getMetricsAddress()));
    }
  }

  /**
   * Starts both for the running {@code result}. An endpoint that cannot be served (its port taken)
   * is a bad option: the pipeline is cancelled first, as it would not have been started had this
   * been known.
   */
  public static RunMonitor start(PipelineResult result, RunOptions options, PrintStream out) {
    Supplier<MetricTotals> totals = RunnerMetrics.of(result, out);
    MetricsEndpoint endpoint = null;
    if (!MetricsEndpoint.isOff(options.getMetricsAddress())) {
      try {
        endpoint = MetricsEndpoint.start(options.getMetricsAddress(), totals);
      } catch (IllegalArgumentException e) {
        cancel(result);
        throw new BadOptionException(e.getMessage(), e);
      }
      out.println("onceflow metrics: " + endpoint.url());
    }
    return new RunMonitor(
        ProgressReporter.start(totals, options.getProgressSeconds(), out), endpoint);
  }

  private static void cancel(PipelineResult result) {
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      System.err.println("onceflow: cancelling the pipeline failed: " + e);
    }
  }

  @Override
  public void close() {
    progress.close();
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
