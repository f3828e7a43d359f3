package io.onceflow.pipelines.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Accumulating panes through the upsert sink on the DirectRunner, streaming (TestStream). */
public class WriteUpsertsDirectTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void panesEndAsOneRowPerKeyWithTheFinalTotalsAfterSeveralCommits() throws IOException {
    Path warehouse = tmp.newFolder("warehouse").toPath();
    IcebergCatalogConfig catalog = UpsertSinkScenario.hadoopCatalog(warehouse);
    UpsertSinkScenario.writeTotals(p.apply("Events", UpsertSinkScenario.testStream()), catalog);
    p.run().waitUntilFinish();

    assertThat(UpsertSinkScenario.tableRows(catalog)).isEqualTo(UpsertSinkScenario.expectedRows());
    // Committed while the stream ran, not once at the end.
    assertThat(UpsertSinkScenario.snapshotCount(catalog)).isGreaterThan(2);
  }

  @Test
  public void runningTheSameStreamAgainLeavesTheTableUnchanged() throws IOException {
    Path warehouse = tmp.newFolder("warehouse").toPath();
    IcebergCatalogConfig catalog = UpsertSinkScenario.hadoopCatalog(warehouse);
    TestPipeline first = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    UpsertSinkScenario.writeTotals(first.apply("Events", UpsertSinkScenario.testStream()), catalog);
    first.run().waitUntilFinish();
    long snapshots = UpsertSinkScenario.snapshotCount(catalog);

    UpsertSinkScenario.writeTotals(p.apply("Events", UpsertSinkScenario.testStream()), catalog);
    p.run().waitUntilFinish();

    assertThat(UpsertSinkScenario.tableRows(catalog)).isEqualTo(UpsertSinkScenario.expectedRows());
    assertThat(UpsertSinkScenario.snapshotCount(catalog)).isEqualTo(snapshots);
  }
}
