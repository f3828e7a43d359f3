package io.onceflow.it.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.transforms.iceberg.UpsertSinkScenario;
import java.io.IOException;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Accumulating panes through the upsert sink on Flink, in streaming mode (TestStream) and in batch. */
public class FlinkRunnerUpsertSinkIT {

  @Rule public final transient TestPipeline p = TestPipeline.fromOptions(TestRunnerOptions.flinkTestStream());
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline batch = TestPipeline.fromOptions(TestRunnerOptions.fromProfile("flink", "--runner=TestFlinkRunner"));

  @Test
  public void batchRunOverBoundedInputEndsWithTheSameRows() throws IOException {
    assertThat(UpsertSinkScenario.runAndReadRows(batch, UpsertSinkScenario.bounded(), tmp.newFolder("warehouse").toPath()))
        .isEqualTo(UpsertSinkScenario.expectedRows());
  }

  @Test
  public void panesEndAsOneRowPerKeyWithTheFinalTotals() throws IOException {
    assertThat(UpsertSinkScenario.runAndReadRows(p, UpsertSinkScenario.testStream(false), tmp.newFolder("warehouse").toPath()))
        .isEqualTo(UpsertSinkScenario.expectedRows());
  }
}
