package io.onceflow.pipelines.transactions;

import io.onceflow.pipelines.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.transactions.CustomerHourlyTotalsTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * {@code onceflow verify}: compares {@code customer_hourly_totals} with the totals recomputed from
 * the input file ({@link GroundTruth}), prints every difference and exits non-zero if there is
 * one. Takes the transactions pipeline's options (the same {@code --input}, {@code --format},
 * window size and catalog as the run it checks).
 */
public final class VerifyTotals {

  private VerifyTotals() {}

  public static void main(String[] args) throws IOException {
    System.exit(verify(TransactionsPipeline.options(args), System.out) ? 0 : 1);
  }

  /** True when the table holds exactly the recomputed totals, one final row per key. */
  static boolean verify(TransactionsPipelineOptions o, PrintStream out) throws IOException {
    if (!o.getSource().equals("files")) {
      throw new IllegalArgumentException("verify recomputes the totals from --input files; --source=" + o.getSource() + " is not supported yet");
    }
    GroundTruth truth =
        GroundTruth.fromFile(Paths.get(o.getInput()), TransactionsPipelineOptionsCheck.format(o.getFormat()), o.getWindowMinutes() * 60_000L);
    IcebergCatalogConfig catalog = IcebergCatalogOptions.catalog(o);
    Map<String, String> table = new TreeMap<>();
    int problems = 0;
    Table t = catalog.build().loadTable(TableIdentifier.of(o.getNamespace(), CustomerHourlyTotalsTable.NAME));
    try (CloseableIterable<Record> rows = IcebergGenerics.read(t).build()) {
      for (Record r : rows) {
        String key = GroundTruth.key((String) r.getField("customer_id"), ((OffsetDateTime) r.getField("window_start")).toInstant());
        String value = r.getField("total_amount") + " " + r.getField("txn_count");
        if (table.put(key, value) != null) {
          out.println("  two rows for " + key);
          problems++;
        }
        if (!Boolean.TRUE.equals(r.getField("is_final"))) {
          out.println("  not final yet: " + key + " (" + value + ")");
          problems++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + t.name(), e);
    }
    TreeSet<String> keys = new TreeSet<>(truth.totals.keySet());
    keys.addAll(table.keySet());
    for (String key : keys) {
      String expected = truth.totals.get(key);
      String actual = table.get(key);
      if (expected == null || !expected.equals(actual)) {
        out.printf("  %-40s expected %-18s table %s%n", key, expected == null ? "(none)" : expected, actual == null ? "(none)" : actual);
        problems++;
      }
    }
    out.printf(
        "onceflow verify: %s — %d customer-hours expected, %d in %s, %d differences (input: %d records, %d invalid)%n",
        problems == 0 ? "OK" : "DIFFERENT", truth.totals.size(), table.size(), t.name(), problems, truth.records, truth.invalid);
    return problems == 0;
  }
}
