package io.onceflow.it.iceberg;

import static io.onceflow.transforms.transactions.TransactionTotalsScenarios.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.transforms.iceberg.UpsertSinkScenario;
import io.onceflow.transforms.transactions.TransactionEvent;
import io.onceflow.transforms.transactions.TransactionTotalsScenarios;
import java.io.IOException;
import java.util.List;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.io.CreateStream;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Accumulating panes through the upsert sink on Spark, in batch and in streaming mode. Streaming
 * runs the scenario's steps as micro-batches, each watermark step followed by an empty batch (a
 * stage may read the previous batch's watermark). Beam's IcebergIO cannot stream on Spark at all
 * (GroupIntoBatches).
 */
public class SparkRunnerUpsertSinkIT {

  @Rule public final transient TestPipeline p = TestPipeline.fromOptions(TestRunnerOptions.sparkStreaming());
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline batch = TestPipeline.fromOptions(TestRunnerOptions.fromProfile("spark", "--runner=TestSparkRunner"));

  @Test
  public void batchRunOverBoundedInputEndsWithTheSameRows() throws IOException {
    assertThat(UpsertSinkScenario.runAndReadRows(batch, UpsertSinkScenario.bounded(), tmp.newFolder("warehouse").toPath()))
        .isEqualTo(UpsertSinkScenario.expectedRows());
  }

  @Test
  public void panesEndAsOneRowPerKeyWithTheFinalTotals() throws IOException {
    Duration batchInterval = Duration.millis(p.getOptions().as(SparkPipelineOptions.class).getBatchIntervalMillis());
    CreateStream<TransactionEvent> source =
        CreateStream.of(TransactionTotalsScenarios.coder(), batchInterval).emptyBatch().advanceWatermarkForNextBatch(minute(0));
    List<List<TimestampedValue<TransactionEvent>>> batches = UpsertSinkScenario.batches();
    for (int i = 0; i < batches.size(); i++) {
      source = source.nextBatch(batches.get(i).toArray(TimestampedValue[]::new)).advanceWatermarkForNextBatch(minute(UpsertSinkScenario.WATERMARK_AFTER[i]));
      source = source.emptyBatch().advanceWatermarkForNextBatch(minute(UpsertSinkScenario.WATERMARK_AFTER[i]).plus(Duration.millis(1)));
    }
    source = source.emptyBatch().advanceNextBatchWatermarkToInfinity();

    assertThat(UpsertSinkScenario.runAndReadRows(p, source, tmp.newFolder("warehouse").toPath())).isEqualTo(UpsertSinkScenario.expectedRows());
  }
}
