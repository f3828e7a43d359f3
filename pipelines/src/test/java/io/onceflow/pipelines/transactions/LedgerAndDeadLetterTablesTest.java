package io.onceflow.pipelines.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import io.onceflow.transforms.iceberg.WriteUpserts;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same upsert mechanism keeps the {@code transactions} ledger at one row per txn_id (the
 * winning version) and {@code dead_letters} free of repeats: the input is run twice (a replay) in
 * batch on the DirectRunner, and the second run changes nothing.
 */
class LedgerAndDeadLetterTablesTest {

  @TempDir java.nio.file.Path warehouse;

  static final List<KV<String, String>> INPUT =
      List.of(
          KV.of("in.csv:2", "2026-11-24T10:05:00Z,2026-11-24T10:05:01Z,t1,alice,10.00,SUCCESS"),
          KV.of("in.csv:3", "2026-11-24T10:05:00Z,2026-11-24T10:05:01Z,t1,alice,10.00,SUCCESS"),
          // A correction of t2, processed later: it wins wherever it arrives.
          KV.of("in.csv:4", "2026-11-24T10:07:00Z,2026-11-24T10:09:00Z,t2,bob,7.50,SUCCESS"),
          KV.of("in.csv:5", "2026-11-24T10:06:00Z,2026-11-24T10:06:01Z,t2,bob,70.50,SUCCESS"),
          KV.of("in.csv:6", "2026-11-24T10:06:00Z,2026-11-24T10:06:01Z,t3,bob,-1,SUCCESS"),
          KV.of("in.csv:7", "garbage"));

  void run(IcebergCatalogConfig catalog) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionTuple parsed =
        p.apply("Records", Create.of(INPUT))
            .apply("Parse", ParseTransactions.of("transactions", ParseTransactions.Format.CSV));
    parsed
        .get(ParseTransactions.EVENTS)
        .apply("Dedup", DeduplicateTransactions.withRetention(Duration.standardDays(1)))
        .get(DeduplicateTransactions.COUNTED)
        .apply("LedgerRows", TransactionsTable.rows())
        .apply(
            "Ledger",
            WriteUpserts.to(catalog, TransactionsTable.in("onceflow"))
                .withCommitInterval(Duration.standardSeconds(1)));
    parsed
        .get(ParseTransactions.DEAD_LETTERS)
        .apply("DeadLetterRows", DeadLettersTable.rows())
        .apply(
            "DeadLetters",
            WriteUpserts.to(catalog, DeadLettersTable.in("onceflow"))
                .withCommitInterval(Duration.standardSeconds(1)));
    p.run().waitUntilFinish();
  }

  @Test
  void replayedInputLeavesOneLedgerRowPerTransactionAndNoRepeatedDeadLetters() {
    IcebergCatalogConfig catalog = UpsertSinkScenario.hadoopCatalog(warehouse);
    run(catalog);
    List<String> ledger = rows(catalog, TransactionsTable.NAME, "txn_id", "customer_id", "amount");
    List<String> deadLetters = rows(catalog, DeadLettersTable.NAME, "source", "raw");
    long snapshots =
        snapshots(catalog, TransactionsTable.NAME) + snapshots(catalog, DeadLettersTable.NAME);

    run(catalog);

    assertThat(ledger).containsExactlyInAnyOrder("t1 alice 10.00", "t2 bob 7.50");
    assertThat(deadLetters)
        .containsExactlyInAnyOrder(
            "in.csv:6 2026-11-24T10:06:00Z,2026-11-24T10:06:01Z,t3,bob,-1,SUCCESS",
            "in.csv:7 garbage");
    assertThat(rows(catalog, TransactionsTable.NAME, "txn_id", "customer_id", "amount"))
        .containsExactlyInAnyOrderElementsOf(ledger);
    assertThat(rows(catalog, DeadLettersTable.NAME, "source", "raw"))
        .containsExactlyInAnyOrderElementsOf(deadLetters);
    assertThat(
            snapshots(catalog, TransactionsTable.NAME) + snapshots(catalog, DeadLettersTable.NAME))
        .isEqualTo(snapshots);
  }

  private static List<String> rows(IcebergCatalogConfig catalog, String table, String... columns) {
    return TableRows.read(catalog, "onceflow", table, columns);
  }

  private static long snapshots(IcebergCatalogConfig catalog, String table) {
    return TableRows.snapshots(catalog, "onceflow", table);
  }
}
