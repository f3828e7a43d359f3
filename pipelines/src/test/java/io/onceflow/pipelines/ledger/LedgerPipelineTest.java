package io.onceflow.pipelines.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceflow.pipelines.PipelineRegistry;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import io.onceflow.transforms.metrics.MetricNames;
import io.onceflow.transforms.metrics.MetricTotals;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger pipeline on the DirectRunner over generated files, checked by verify ledger. */
class LedgerPipelineTest {

  @TempDir Path dir;

  private String[] run() {
    return new String[] {
      "--input=" + dir.resolve("records") + "/*",
      "--warehouse=" + dir.resolve("warehouse"),
      "--commitIntervalSeconds=1",
      // One pane per bounded run (the last), so that a rerun makes the very same summary rows.
      "--triggerSeconds=3600",
      "--progressSeconds=0"
    };
  }

  private String verify(String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of(run()));
    args.addAll(List.of(more));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    boolean ok =
        VerifyLedger.verify(
            VerifyLedger.options(args.toArray(String[]::new)), new PrintStream(text, true));
    return (ok ? "PASSED " : "FAILED ") + text;
  }

  @Test
  void aBoundedRunOverGeneratedFilesVerifiesAndARerunWritesNothing() throws IOException {
    GenerateLedger.generate(
        GenerateLedger.options(new String[] {"--output=" + dir}),
        new PrintStream(new ByteArrayOutputStream()));

    PipelineResult first = LedgerPipeline.run(LedgerPipeline.options(run()));
    first.waitUntilFinish();
    String report = verify("--groundTruth=" + dir);
    assertThat(report)
        .startsWith("PASSED")
        .contains(
            "check rows > 0",
            "check distinct transaction_hash = rows",
            "onceflow verify: OK — 200 transactions expected, 200 in",
            "input: 230 records = 200 ledger rows + 10 conflicting versions in 10 conflicts + 10"
                + " duplicates + 10 dead letters");
    assertThat(report).doesNotContain("FAILED (");
    assertThat(MetricTotals.of(first).counter(MetricNames.DEAD_LETTERS)).isEqualTo(10);
    assertThat(
            MetricTotals.of(first).counter(MetricNames.DUPLICATES)
                + MetricTotals.of(first).counter(MetricNames.CONFLICTS))
        .as("every record after an id's first is a duplicate or a conflict")
        .isEqualTo(20);

    // The same input, recomputed from one file instead of the generator's truth.
    Path all = dir.resolve("all.json");
    List<String> lines = new ArrayList<>();
    try (var files = Files.list(dir.resolve("records"))) {
      for (Path f : files.sorted().toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    Files.write(all, lines);
    List<String> fromFile = new ArrayList<>(List.of(run()));
    fromFile.set(0, "--input=" + all);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    assertThat(
            VerifyLedger.verify(
                VerifyLedger.options(fromFile.toArray(String[]::new)), new PrintStream(text, true)))
        .as(text.toString())
        .isTrue();

    PipelineResult second = LedgerPipeline.run(LedgerPipeline.options(run()));
    second.waitUntilFinish();
    assertThat(MetricTotals.of(second).counter(MetricNames.ROWS_WRITTEN))
        .as("a replay of the same input writes no row to any table")
        .isZero();
    assertThat(verify("--groundTruth=" + dir)).startsWith("PASSED");
  }

  @Test
  void verifyNamesEveryDifferenceAgainstAnotherInput() throws IOException {
    GenerateLedger.generate(
        GenerateLedger.options(new String[] {"--output=" + dir, "--count=20"}),
        new PrintStream(new ByteArrayOutputStream()));
    LedgerPipeline.run(LedgerPipeline.options(run())).waitUntilFinish();
    Path other = dir.resolve("other");
    GenerateLedger.generate(
        GenerateLedger.options(new String[] {"--output=" + other, "--count=21"}),
        new PrintStream(new ByteArrayOutputStream()));

    String report = verify("--groundTruth=" + other);
    assertThat(report)
        .startsWith("FAILED")
        .contains("transactions_ledger TXN00000021: expected ", ", table (none)")
        .contains("onceflow verify: DIFFERENT — 21 transactions expected, 20 in");
    assertThat(
            TableRows.read(
                IcebergCatalogOptions.catalog(LedgerPipeline.options(run())),
                "onceflow",
                "ledger_summary",
                "transaction_type",
                "currency",
                "transaction_count"))
        .hasSize(12);
  }

  @Test
  void theLedgerIsRegisteredWithItsTablesMainFirst() {
    assertThat(PipelineRegistry.named("ledger").tables())
        .containsExactly(
            "transactions_ledger", "ledger_summary", "ledger_conflicts", "dead_letters");
  }

  @Test
  void badOptionsFailAtStartUpNamingTheOption() {
    assertThatThrownBy(() -> LedgerPipeline.options(new String[] {}))
        .hasMessageContaining("--input");
    assertThatThrownBy(
            () -> LedgerPipeline.options(new String[] {"--input=x", "--triggerSeconds=0"}))
        .hasMessageContaining("--triggerSeconds");
    assertThatThrownBy(
            () -> LedgerPipeline.options(new String[] {"--input=x", "--summaryTable=a-b"}))
        .hasMessageContaining("--summaryTable");
    assertThatThrownBy(
            () ->
                LedgerPipeline.options(
                    new String[] {"--input=x", "--conflictsTable=transactions_ledger"}))
        .hasMessageContaining("--conflictsTable");
    assertThatThrownBy(
            () -> LedgerPipeline.options(new String[] {"--input=x", "--ledgerTable=dead_letters"}))
        .hasMessageContaining("--ledgerTable");
    assertThatThrownBy(() -> LedgerPipeline.options(new String[] {"--source=kafka"}))
        .hasMessageContaining("--bootstrapServers");
  }
}
