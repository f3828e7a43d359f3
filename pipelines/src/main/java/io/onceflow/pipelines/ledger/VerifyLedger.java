package io.onceflow.pipelines.ledger;

import io.onceflow.pipelines.GroundTruthFiles;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@code onceflow verify ledger}: the notebook's four checks on {@code transactions_ledger} (rows >
 * 0, distinct {@code transaction_hash} = rows, distinct {@code transaction_id} = rows, no {@code
 * amount <= 0}), then every table against the expected answer — a generator's ground truth ({@code
 * --groundTruth}) or one recomputed from the {@code --input} file ({@link LedgerGroundTruth}): the
 * ledger row for row, the conflicts row for row, the summary to the cent, and the dead letters, so
 * that every input record is accounted for (ledger rows + conflicting versions + duplicates + dead
 * letters). Prints every difference; false if there is one.
 */
public final class VerifyLedger {

  private VerifyLedger() {}

  public static VerifyLedgerOptions options(String[] args) {
    VerifyLedgerOptions o = CommandOptions.parse(args, VerifyLedgerOptions.class);
    if (o.getGroundTruth().isBlank()) {
      LedgerPipelineOptionsCheck.check(o);
      if (!o.getSource().equals("files")) {
        throw new IllegalArgumentException(
            "--groundTruth is required with --source="
                + o.getSource()
                + " (verify recomputes only from an --input file)");
      }
    }
    return o;
  }

  /** True when the tables hold exactly what the input says they must. */
  public static boolean verify(VerifyLedgerOptions o, PrintStream out) throws IOException {
    LedgerGroundTruth truth =
        o.getGroundTruth().isBlank()
            ? LedgerGroundTruth.fromFile(Paths.get(o.getInput()))
            : LedgerGroundTruth.read(Paths.get(o.getGroundTruth()));
    Catalog catalog = IcebergCatalogOptions.catalog(o).build();
    int problems = 0;

    Table ledgerTable = load(catalog, o, o.getLedgerTable());
    Map<String, String> ledger = new TreeMap<>();
    Set<Object> hashes = new HashSet<>();
    long[] rowsAndNonPositive = {0, 0};
    TableRows.forEach(
        ledgerTable,
        r -> {
          rowsAndNonPositive[0]++;
          BigDecimal amount = (BigDecimal) TableRows.value(r, "amount");
          if (amount.signum() <= 0) {
            rowsAndNonPositive[1]++;
          }
          String hash = TableRows.value(r, "transaction_hash").toString();
          hashes.add(hash);
          ledger.put(
              TableRows.value(r, "transaction_id").toString(),
              LedgerGroundTruth.ledgerRow(
                  TableRows.value(r, "account_from").toString(),
                  TableRows.value(r, "account_to").toString(),
                  amount,
                  TableRows.value(r, "currency").toString(),
                  TableRows.value(r, "transaction_type").toString(),
                  hash,
                  ((OffsetDateTime) TableRows.value(r, "event_timestamp")).toInstant()));
        });
    long rows = rowsAndNonPositive[0];
    problems += check(out, "rows > 0", rows > 0, rows + " rows");
    problems +=
        check(out, "distinct transaction_hash = rows", hashes.size() == rows, hashes.size() + "");
    problems +=
        check(out, "distinct transaction_id = rows", ledger.size() == rows, ledger.size() + "");
    problems +=
        check(
            out,
            "no amount <= 0",
            rowsAndNonPositive[1] == 0,
            rowsAndNonPositive[1] + " rows with amount <= 0");
    problems += GroundTruthFiles.printDifferences(out, o.getLedgerTable(), truth.ledger, ledger);

    Table conflictsTable = load(catalog, o, o.getConflictsTable());
    Map<String, String> conflicts = new TreeMap<>();
    long[] conflictingVersions = {0};
    TableRows.forEach(
        conflictsTable,
        r -> {
          long versions = (Long) TableRows.value(r, "versions");
          conflictingVersions[0] += versions - 1;
          conflicts.put(
              TableRows.value(r, "transaction_id").toString(),
              LedgerGroundTruth.conflictRow(
                  versions,
                  TableRows.value(r, "winner_hash").toString(),
                  TableRows.value(r, "discarded_hashes").toString()));
        });
    problems +=
        GroundTruthFiles.printDifferences(out, o.getConflictsTable(), truth.conflicts, conflicts);

    Table summaryTable = load(catalog, o, o.getSummaryTable());
    Map<String, String> summary = new TreeMap<>();
    TableRows.forEach(
        summaryTable,
        r ->
            summary.put(
                TableRows.value(r, "transaction_type") + " " + TableRows.value(r, "currency"),
                LedgerGroundTruth.summaryRow(
                    (Long) TableRows.value(r, "transaction_count"),
                    (BigDecimal) TableRows.value(r, "total_amount"),
                    (BigDecimal) TableRows.value(r, "avg_amount"))));
    problems += GroundTruthFiles.printDifferences(out, o.getSummaryTable(), truth.summary, summary);

    long[] deadLetters = {0};
    TableRows.forEach(
        load(catalog, o, DeadLettersTable.NAME),
        r -> deadLetters[0] += LedgerPipeline.NAME.equals(TableRows.value(r, "pipeline")) ? 1 : 0);
    if (deadLetters[0] != truth.invalid) {
      out.printf(
          "  %-44s expected %-12d table %d%n",
          "dead_letters (pipeline ledger)", truth.invalid, deadLetters[0]);
      problems++;
    }
    long accounted = rows + conflictingVersions[0] + truth.duplicates + deadLetters[0];
    if (accounted != truth.records) {
      out.printf(
          "  %-44s expected %-12d tables %d%n", "records accounted for", truth.records, accounted);
      problems++;
    }

    out.printf(
        "onceflow verify: %s — %d transactions expected, %d in %s, %d differences (input: %d"
            + " records = %d ledger rows + %d conflicting versions in %d conflicts + %d duplicates"
            + " + %d dead letters)%n",
        problems == 0 ? "OK" : "DIFFERENT",
        truth.transactions(),
        rows,
        ledgerTable.name(),
        problems,
        truth.records,
        rows,
        conflictingVersions[0],
        conflicts.size(),
        truth.duplicates,
        deadLetters[0]);
    return problems == 0;
  }

  private static int check(PrintStream out, String what, boolean ok, String found) {
    out.printf("  check %-36s %s%n", what, ok ? "ok" : "FAILED (" + found + ")");
    return ok ? 0 : 1;
  }

  private static Table load(Catalog catalog, IcebergCatalogOptions o, String name) {
    return catalog.loadTable(TableIdentifier.of(o.getNamespace(), name));
  }
}
