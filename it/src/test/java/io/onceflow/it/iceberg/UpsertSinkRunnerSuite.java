package io.onceflow.it.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.pipelines.transactions.TransactionEvent;
import io.onceflow.pipelines.transactions.UpsertSinkScenario;
import java.io.IOException;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Accumulating panes through the upsert sink on one runner, in batch and in streaming mode; each
 * runner's class says how to make its pipelines and its stream. Both runs must end with one row per
 * key holding the final totals.
 */
public abstract class UpsertSinkRunnerSuite {

  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline batch = TestPipeline.fromOptions(batchOptions());

  @Rule
  public final transient TestPipeline streaming = TestPipeline.fromOptions(streamingOptions());

  /** Called while the rules are made, before the subclass's fields exist: use no instance state. */
  protected abstract PipelineOptions batchOptions();

  protected abstract PipelineOptions streamingOptions();

  /** The scenario's stream as this runner's unbounded test source. */
  protected abstract PTransform<PBegin, PCollection<TransactionEvent>> stream(
      PipelineOptions options);

  @Test
  public void batchRunOverBoundedInputEndsWithTheFinalTotals() throws IOException {
    assertThat(
            UpsertSinkScenario.runAndReadRows(
                batch, UpsertSinkScenario.bounded(), tmp.newFolder("warehouse").toPath()))
        .isEqualTo(UpsertSinkScenario.expectedRows());
  }

  @Test
  public void streamingPanesEndAsOneRowPerKeyWithTheFinalTotals() throws IOException {
    assertThat(
            UpsertSinkScenario.runAndReadRows(
                streaming, stream(streaming.getOptions()), tmp.newFolder("warehouse").toPath()))
        .isEqualTo(UpsertSinkScenario.expectedRows());
  }
}
