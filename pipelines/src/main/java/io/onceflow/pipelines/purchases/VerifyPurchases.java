package io.onceflow.pipelines.purchases;

import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.jdbc.JdbcConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code onceflow verify purchases}: reads {@code retail} (the view, with its running totals) and
 * the counts of {@code retail_late_events} and {@code dead_letters} with plain SQL and compares
 * every window, to the cent, and every count with the ground truth; prints every difference.
 */
public final class VerifyPurchases {

  private VerifyPurchases() {}

  static VerifyPurchasesOptions options(String[] args) {
    VerifyPurchasesOptions o = CommandOptions.parse(args, VerifyPurchasesOptions.class);
    JdbcConnection.from(o);
    return o;
  }

  /** True when every row and count matches; every difference is printed. */
  static boolean verify(VerifyPurchasesOptions o, PrintStream out) throws IOException {
    PurchaseGroundTruth truth = PurchaseGroundTruth.read(Paths.get(o.getGroundTruth()));
    String schema = "\"" + o.getDbSchema() + "\".";
    Map<String, String> actual = new TreeMap<>();
    long notFinal = 0;
    long late;
    long deadLetters;
    try (Connection c = JdbcConnection.from(o).connect();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT category, payment_method, window_start, avg_price, total_quantity,"
                  + " total_amount, running_total, purchase_count, is_final FROM "
                  + schema
                  + "\"retail\"")) {
        while (rs.next()) {
          String start =
              rs.getObject("window_start", OffsetDateTime.class)
                  .withOffsetSameInstant(ZoneOffset.UTC)
                  .toInstant()
                  .toString();
          String key =
              rs.getString("category") + "," + rs.getString("payment_method") + "," + start;
          actual.put(
              key,
              String.join(
                  ",",
                  rs.getString("category"),
                  rs.getString("payment_method"),
                  start,
                  plain(rs.getBigDecimal("avg_price")),
                  Long.toString(rs.getLong("total_quantity")),
                  plain(rs.getBigDecimal("total_amount")),
                  plain(rs.getBigDecimal("running_total")),
                  Long.toString(rs.getLong("purchase_count"))));
          if (!rs.getBoolean("is_final")) {
            notFinal++;
          }
        }
      }
      late = count(s, schema + "\"" + RetailTables.LATE_EVENTS + "\"");
      deadLetters =
          count(
              s,
              schema
                  + "\""
                  + DeadLettersTable.NAME
                  + "\" WHERE pipeline = '"
                  + PurchasesPipeline.NAME
                  + "'");
      c.commit();
    } catch (SQLException e) {
      throw new IOException("reading the tables in " + o.getJdbcUrl() + " failed: " + e, e);
    }

    long differences = 0;
    for (String key : new TreeSet<>(union(truth.windows, actual))) {
      String want = truth.windows.get(key);
      String got = actual.get(key);
      if (want == null || !want.equals(got)) {
        differences++;
        out.println("  window " + key + ": expected " + want + ", table has " + got);
      }
    }
    if (notFinal > 0) {
      differences++;
      out.println("  " + notFinal + " windows are not final yet");
    }
    differences += compare(out, "too-late purchases (retail_late_events)", truth.tooLate, late);
    differences += compare(out, "dead letters", truth.invalid, deadLetters);
    long accounted = truth.purchases + truth.duplicates + truth.invalid + truth.tooLate;
    if (accounted != truth.records) {
      differences++;
      out.println(
          "  ground truth: " + truth.records + " records, but " + accounted + " accounted for");
    }
    out.printf(
        "onceflow verify purchases: %s — %d windows (running totals included) against %s; %d"
            + " records = %d purchases + %d duplicates + %d dead letters + %d too late%n",
        differences == 0 ? "PASS" : "FAIL, " + differences + " differences",
        truth.windows.size(),
        o.getGroundTruth(),
        truth.records,
        truth.purchases,
        truth.duplicates,
        deadLetters,
        late);
    return differences == 0;
  }

  private static String plain(BigDecimal d) {
    return d == null ? "null" : d.toPlainString();
  }

  private static long count(Statement s, String from) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long compare(PrintStream out, String what, long expected, long actual) {
    if (expected == actual) {
      return 0;
    }
    out.println("  " + what + ": expected " + expected + ", table has " + actual);
    return 1;
  }

  private static TreeSet<String> union(Map<String, String> a, Map<String, String> b) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }
}
