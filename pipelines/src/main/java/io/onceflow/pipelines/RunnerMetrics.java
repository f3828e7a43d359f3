package io.onceflow.pipelines;

import io.onceflow.transforms.metrics.MetricTotals;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;

/**
 * Where a running pipeline's totals come from, per runner: {@code PipelineResult.metrics()} on the
 * DirectRunner and Spark, which report attempted values while the job runs; Flink's REST API for a
 * detached Flink job, whose {@code metrics()} stay zeros until it ends ({@link FlinkRestMetrics}).
 */
final class RunnerMetrics {

  private RunnerMetrics() {}

  static Supplier<MetricTotals> of(PipelineResult result, java.io.PrintStream out) {
    Optional<FlinkRestMetrics> flink = FlinkRestMetrics.of(result);
    if (flink.isPresent()) {
      out.println("onceflow metrics: read from the Flink job's REST API at " + flink.get().rest());
      return flink.get()::totals;
    }
    return () -> MetricTotals.of(result);
  }
}
