package io.onceflow.it.iceberg;

import static io.onceflow.pipelines.transactions.TransactionTotalsScenarios.minute;

import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.pipelines.transactions.TransactionEvent;
import io.onceflow.pipelines.transactions.TransactionTotalsScenarios;
import io.onceflow.pipelines.transactions.UpsertSinkScenario;
import java.util.List;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.io.CreateStream;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;

/**
 * The upsert sink on Spark: batch, and streaming over the scenario's steps as micro-batches, each
 * watermark step followed by an empty batch (a stage may read the previous batch's watermark).
 * Beam's IcebergIO cannot stream on Spark at all (GroupIntoBatches).
 */
public class SparkRunnerUpsertSinkIT extends UpsertSinkRunnerSuite {

  @Override
  protected PipelineOptions batchOptions() {
    return TestRunnerOptions.fromProfile("spark", "--runner=TestSparkRunner");
  }

  @Override
  protected PipelineOptions streamingOptions() {
    return TestRunnerOptions.sparkStreaming();
  }

  @Override
  protected PTransform<PBegin, PCollection<TransactionEvent>> stream(PipelineOptions options) {
    Duration batchInterval =
        Duration.millis(options.as(SparkPipelineOptions.class).getBatchIntervalMillis());
    CreateStream<TransactionEvent> source =
        CreateStream.of(TransactionTotalsScenarios.coder(), batchInterval)
            .emptyBatch()
            .advanceWatermarkForNextBatch(minute(0));
    List<List<TimestampedValue<TransactionEvent>>> batches = UpsertSinkScenario.batches();
    for (int i = 0; i < batches.size(); i++) {
      source =
          source
              .nextBatch(batches.get(i).toArray(TimestampedValue[]::new))
              .advanceWatermarkForNextBatch(minute(UpsertSinkScenario.WATERMARK_AFTER[i]));
      source =
          source
              .emptyBatch()
              .advanceWatermarkForNextBatch(
                  minute(UpsertSinkScenario.WATERMARK_AFTER[i]).plus(Duration.millis(1)));
    }
    return source.emptyBatch().advanceNextBatchWatermarkToInfinity();
  }
}
