package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@code onceflow verify}: compares the tables with the expected answer — a generator's ground
 * truth ({@code --groundTruth}), or totals recomputed from the {@code --input} file ({@link
 * GroundTruth}) — prints every difference and exits non-zero if there is one. Checked: {@code
 * customer_hourly_totals} row for row (one final row per key, to the cent), and the number of rows
 * in {@code transactions} (distinct transactions), {@code late_events} (too late) and {@code
 * dead_letters} (invalid records), so that every input record is accounted for.
 */
public final class VerifyTotals {

  private VerifyTotals() {}

  public static VerifyOptions options(String[] args) {
    PipelineOptionsFactory.register(VerifyOptions.class);
    VerifyOptions o =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(VerifyOptions.class);
    if (o.getGroundTruth().isBlank()) {
      TransactionsPipelineOptionsCheck.check(o);
    }
    return o;
  }

  /** True when the tables hold exactly what the input says they must. */
  public static boolean verify(VerifyOptions o, PrintStream out) throws IOException {
    GroundTruth truth;
    if (o.getGroundTruth().isBlank()) {
      if (!o.getSource().equals("files")) {
        throw new IllegalArgumentException(
            "--groundTruth is required with --source="
                + o.getSource()
                + " (verify recomputes only from --input files)");
      }
      truth =
          GroundTruth.fromFile(
              Paths.get(o.getInput()),
              TransactionsPipelineOptionsCheck.format(o.getFormat()),
              o.getWindowMinutes());
    } else {
      truth = GroundTruth.read(Paths.get(o.getGroundTruth()));
      if (truth.windowMinutes != o.getWindowMinutes()) {
        throw new IllegalArgumentException(
            "--windowMinutes is "
                + o.getWindowMinutes()
                + " but the ground truth was computed for "
                + truth.windowMinutes);
      }
    }
    Catalog catalog = IcebergCatalogOptions.catalog(o).build();
    int problems = 0;

    Map<String, String> totals = new TreeMap<>();
    int[] totalsProblems = {0};
    Table totalsTable = load(catalog, o, CustomerHourlyTotalsTable.NAME);
    TableRows.forEach(
        totalsTable,
        r -> {
          String key =
              GroundTruth.key(
                  (String) TableRows.value(r, "customer_id"),
                  ((OffsetDateTime) TableRows.value(r, "window_start")).toInstant());
          String value = TableRows.value(r, "total_amount") + " " + TableRows.value(r, "txn_count");
          if (totals.put(key, value) != null) {
            out.println("  two rows for " + key);
            totalsProblems[0]++;
          }
          if (!Boolean.TRUE.equals(TableRows.value(r, "is_final"))) {
            out.println("  not final yet: " + key + " (" + value + ")");
            totalsProblems[0]++;
          }
        });
    problems += totalsProblems[0];
    TreeSet<String> keys = new TreeSet<>(truth.totals.keySet());
    keys.addAll(totals.keySet());
    for (String key : keys) {
      String expected = truth.totals.get(key);
      String actual = totals.get(key);
      if (expected == null || !expected.equals(actual)) {
        out.printf(
            "  %-40s expected %-18s table %s%n",
            key, expected == null ? "(none)" : expected, actual == null ? "(none)" : actual);
        problems++;
      }
    }

    Set<String> ledger = new HashSet<>();
    TableRows.forEach(
        load(catalog, o, TransactionsTable.NAME),
        r -> ledger.add((String) TableRows.value(r, "txn_id")));
    Set<String> late = new HashSet<>();
    TableRows.forEach(
        load(catalog, o, TransactionsTable.LATE_EVENTS),
        r -> {
          if (!Boolean.TRUE.equals(TableRows.value(r, "retracted"))) {
            late.add((String) TableRows.value(r, "txn_id"));
          }
        });
    long[] deadLetters = {0};
    TableRows.forEach(
        load(catalog, o, DeadLettersTable.NAME),
        r ->
            deadLetters[0] +=
                TransactionsPipeline.NAME.equals(TableRows.value(r, "pipeline")) ? 1 : 0);
    problems += count(out, "transactions (distinct)", truth.transactions, ledger.size());
    problems += count(out, "late_events (too late)", truth.tooLate, late.size());
    problems += count(out, "dead_letters (invalid)", truth.invalid, deadLetters[0]);

    out.printf(
        "onceflow verify: %s — %d customer-hours expected, %d in %s, %d differences (input: %d"
            + " records = %d transactions, %d too late, %d duplicates, %d invalid)%n",
        problems == 0 ? "OK" : "DIFFERENT",
        truth.totals.size(),
        totals.size(),
        totalsTable.name(),
        problems,
        truth.records,
        truth.transactions,
        truth.tooLate,
        truth.duplicates,
        truth.invalid);
    return problems == 0;
  }

  private static int count(PrintStream out, String what, long expected, long actual) {
    if (expected == actual) {
      return 0;
    }
    out.printf("  %-40s expected %-18d table %d%n", what, expected, actual);
    return 1;
  }

  private static Table load(Catalog catalog, IcebergCatalogOptions o, String name) {
    return catalog.loadTable(TableIdentifier.of(o.getNamespace(), name));
  }
}
