package io.onceflow.pipelines;

import io.onceflow.transforms.metrics.MetricTotals;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;

/**
 * Where a running pipeline's totals come from, per runner: {@code PipelineResult.metrics()} on the
 * DirectRunner and Spark, which report attempted values while the job runs.
 */
final class RunnerMetrics {

  private RunnerMetrics() {}

  static Supplier<MetricTotals> of(PipelineResult result, RunOptions options) {
    return () -> MetricTotals.of(result);
  }
}
