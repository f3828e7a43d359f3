package io.onceflow.pipelines.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CrashingRunner;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagship pipeline on the DirectRunner over the example CSV file: the four tables, and option
 * errors.
 */
class TransactionsPipelineTest {

  static final Path EXAMPLE =
      Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();

  @TempDir Path warehouse;

  @Test
  void exampleFileEndsAsFinalTotalsLedgerAndDeadLettersAndARerunChangesNothing()
      throws IOException {
    String[] args = {"--input=" + EXAMPLE, "--warehouse=" + warehouse, "--commitIntervalSeconds=1"};
    TransactionsPipeline.run(TransactionsPipeline.options(args)).waitUntilFinish();

    List<String> totals =
        rows(
            "customer_hourly_totals",
            "customer_id",
            "window_start",
            "total_amount",
            "txn_count",
            "is_final");
    assertThat(totals)
        .containsExactlyInAnyOrder(
            "alice 2026-11-24T10:00Z 17.75 3 true",
            "bob 2026-11-24T10:00Z 0.30 2 true",
            "carol 2026-11-24T10:00Z 24.00 1 true",
            "alice 2026-11-24T11:00Z 1.00 1 true",
            "bob 2026-11-24T12:00Z 7.00 1 true");
    assertThat(rows("transactions", "txn_id")).hasSize(10);
    assertThat(rows("dead_letters", "raw")).hasSize(4);
    assertThat(rows("late_events", "txn_id")).isEmpty();

    TransactionsPipeline.run(TransactionsPipeline.options(args)).waitUntilFinish();
    assertThat(
            rows(
                "customer_hourly_totals",
                "customer_id",
                "window_start",
                "total_amount",
                "txn_count",
                "is_final"))
        .containsExactlyInAnyOrderElementsOf(totals);
    assertThat(rows("transactions", "txn_id")).hasSize(10);
    assertThat(rows("dead_letters", "raw")).hasSize(4);
  }

  /**
   * Issue 21: two valid amounts whose hourly total does not fit decimal(18,2) made every totals
   * commit fail for ever. The window's total is a dead letter (stage totals) with the exact sum;
   * the other windows, the ledger and the dead letters are written.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void anHourlyTotalBeyondItsColumnIsADeadLetterAndEverythingElseIsWritten() throws IOException {
    Path input = warehouse.resolve("overflow.csv");
    Files.write(
        input,
        List.of(
            TransactionCsvParser.HEADER,
            "2026-11-24T10:05:00Z,2026-11-24T10:05:01Z,t-1,alice,9000000000000000.00,SUCCESS",
            "2026-11-24T10:15:00Z,2026-11-24T10:15:01Z,t-2,alice,9000000000000000.01,SUCCESS",
            "2026-11-24T10:20:00Z,2026-11-24T10:20:01Z,t-3,bob,12.50,SUCCESS",
            "2026-11-24T11:20:00Z,2026-11-24T11:20:01Z,t-4,alice,1.00,SUCCESS"));
    String[] args = {"--input=" + input, "--warehouse=" + warehouse, "--commitIntervalSeconds=1"};
    TransactionsPipeline.run(TransactionsPipeline.options(args)).waitUntilFinish();

    assertThat(
            rows(
                "customer_hourly_totals",
                "customer_id",
                "window_start",
                "total_amount",
                "txn_count",
                "is_final"))
        .containsExactlyInAnyOrder(
            "bob 2026-11-24T10:00Z 12.50 1 true", "alice 2026-11-24T11:00Z 1.00 1 true");
    assertThat(rows("transactions", "txn_id")).hasSize(4);
    // One dead letter for the window, whichever of its panes was committed first: the DirectRunner
    // may fire an early pane of a bounded run too (seen on a fresh clone: "pane 0"), and the first
    // dead letter stored for a source stays.
    assertThat(rows("dead_letters", "stage", "source", "error"))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d)
                    .startsWith(
                        "totals customer_hourly_totals/alice@2026-11-24T10:00:00.000Z total_amount"
                            + " 18000000000000000.01 (2 transactions, ")
                    .endsWith(
                        " does not fit decimal(18,2): this pane of the window is not written"));
  }

  @Test
  void verifyPassesOnTheRunsTablesAndNamesEveryDifferenceAgainstAnotherInput() throws IOException {
    TransactionsPipeline.run(
            TransactionsPipeline.options(
                new String[] {
                  "--input=" + EXAMPLE, "--warehouse=" + warehouse, "--commitIntervalSeconds=1"
                }))
        .waitUntilFinish();
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();

    assertThat(
            VerifyTotals.verify(
                VerifyTotals.options(
                    new String[] {"--input=" + EXAMPLE, "--warehouse=" + warehouse}),
                new java.io.PrintStream(text, true)))
        .isTrue();
    assertThat(text.toString()).contains("OK", "5 customer-hours expected", "0 differences");

    // The same input without bob's 12:00 transaction: the table has a row the input does not
    // explain.
    Path other = warehouse.resolve("other.csv");
    java.nio.file.Files.write(
        other,
        java.nio.file.Files.readAllLines(EXAMPLE).stream()
            .filter(l -> !l.contains("t-0012"))
            .toList());
    text.reset();
    assertThat(
            VerifyTotals.verify(
                VerifyTotals.options(new String[] {"--input=" + other, "--warehouse=" + warehouse}),
                new java.io.PrintStream(text, true)))
        .isFalse();
    assertThat(text.toString())
        .contains("bob@2026-11-24T12:00:00Z", "expected (none)", "table 7.00 1", "DIFFERENT");
  }

  @Test
  void dedupShardsDefaultToFewerOnTheDirectRunner() {
    assertThat(TransactionsPipeline.options(new String[] {"--input=x"}).getDedupShards())
        .isEqualTo(256);
    assertThat(
            TransactionsPipeline.options(new String[] {"--input=x", "--dedupShards=9"})
                .getDedupShards())
        .isEqualTo(9);
    PipelineOptions elsewhere = PipelineOptionsFactory.create();
    elsewhere.setRunner(CrashingRunner.class);
    assertThat(new TransactionsPipelineOptions.DedupShardsDefault().create(elsewhere))
        .isEqualTo(DeduplicateTransactions.DEFAULT_SHARDS);
  }

  @Test
  void badOptionsFailAtStartUpNamingTheOption() {
    assertThatThrownBy(() -> TransactionsPipeline.options(new String[] {}))
        .hasMessageContaining("--input");
    assertThatThrownBy(
            () -> TransactionsPipeline.options(new String[] {"--input=x", "--format=XML"}))
        .hasMessageContaining("--format");
    assertThatThrownBy(() -> TransactionsPipeline.options(new String[] {"--source=kafka"}))
        .hasMessageContaining("--bootstrapServers");
    assertThatThrownBy(
            () ->
                TransactionsPipeline.options(
                    new String[] {
                      "--source=kafka",
                      "--bootstrapServers=h:1",
                      "--topic=t",
                      "--startFrom=yesterday"
                    }))
        .hasMessageContaining("--startFrom");
    assertThatThrownBy(
            () -> TransactionsPipeline.options(new String[] {"--input=x", "--windowMinutes=0"}))
        .hasMessageContaining("--windowMinutes");
    assertThatThrownBy(
            () ->
                TransactionsPipeline.options(new String[] {"--input=x", "--dedupRetentionHours=1"}))
        .hasMessageContaining("--dedupRetentionHours");
    assertThatThrownBy(
            () -> TransactionsPipeline.options(new String[] {"--input=x", "--dedupShards=0"}))
        .hasMessageContaining("--dedupShards");
    assertThatThrownBy(
            () ->
                TransactionsPipeline.options(
                    new String[] {"--input=x", "--catalogProperties=nokey"}))
        .hasMessageContaining("--catalogProperties");
  }

  private List<String> rows(String table, String... columns) throws IOException {
    Table t =
        IcebergCatalogOptions.catalog(
                TransactionsPipeline.options(
                    new String[] {"--input=x", "--warehouse=" + warehouse}))
            .build()
            .loadTable(TableIdentifier.of("onceflow", table));
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(t).build()) {
      for (Record r : read) {
        List<String> values = new ArrayList<>();
        for (String c : columns) {
          Object v = r.getField(c);
          values.add(
              v instanceof java.time.OffsetDateTime odt ? odt.toString() : String.valueOf(v));
        }
        rows.add(String.join(" ", values));
      }
    }
    return rows;
  }
}
