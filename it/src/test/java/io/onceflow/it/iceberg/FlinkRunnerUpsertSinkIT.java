package io.onceflow.it.iceberg;

import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.pipelines.transactions.TransactionEvent;
import io.onceflow.pipelines.transactions.UpsertSinkScenario;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The upsert sink on Flink: batch, and streaming over a TestStream (no processing-time steps on
 * Flink).
 */
public class FlinkRunnerUpsertSinkIT extends UpsertSinkRunnerSuite {

  @Override
  protected PipelineOptions batchOptions() {
    return TestRunnerOptions.fromProfile("flink", "--runner=TestFlinkRunner");
  }

  @Override
  protected PipelineOptions streamingOptions() {
    return TestRunnerOptions.flinkTestStream();
  }

  @Override
  protected PTransform<PBegin, PCollection<TransactionEvent>> stream(PipelineOptions options) {
    return UpsertSinkScenario.testStream(false);
  }
}
