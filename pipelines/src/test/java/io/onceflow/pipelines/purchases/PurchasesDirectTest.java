package io.onceflow.pipelines.purchases;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.onceflow.local.LocalPostgres;
import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.jdbc.JdbcConnection;
import io.onceflow.transforms.jdbc.WriteJdbcUpserts;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The purchases' late-data behaviour on the DirectRunner with TestStream and exact panes: 5-minute
 * windows, an hour of lateness (plus one window of grace), and the running totals of the {@code
 * retail} view on a real PostgreSQL after a late purchase. Times are minutes after {@link #T0}.
 */
@RunWith(JUnit4.class)
public class PurchasesDirectTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final IntervalWindow W1 = window(0);
  static final IntervalWindow W2 = window(5);
  static final IntervalWindow W3 = window(10);

  @ClassRule public static final TemporaryFolder DIR = new TemporaryFolder();
  private static LocalPostgres postgres;
  private static int schemas;

  @Rule
  public final transient TestPipeline p =
      TestPipeline.create().enableAbandonedNodeEnforcement(false);

  @BeforeClass
  public static void startPostgres() throws Exception {
    postgres = new LocalPostgres(DIR.newFolder("pg").toPath());
    postgres.start();
  }

  @AfterClass
  public static void stopPostgres() {
    JdbcConnection.closePools();
    postgres.close();
  }

  static IntervalWindow window(int minute) {
    return new IntervalWindow(minute(minute), Duration.standardMinutes(5));
  }

  static Instant minute(double m) {
    return T0.plus(Duration.millis((long) (m * 60_000)));
  }

  /** A purchase record at {@code minute}, Skincare by PayPal unless the method says otherwise. */
  static TimestampedValue<KV<String, String>> purchase(
      String id, String method, int quantity, String price, double minute) {
    String json =
        "{\"transaction_id\":\""
            + id
            + "\",\"customer_id\":\"c-1\",\"category\":\"Skincare\",\"brand\":\"Lumen\","
            + "\"product_name\":\"Serum\",\"quantity\":"
            + quantity
            + ",\"price\":"
            + price
            + ",\"payment_method\":\""
            + method
            + "\",\"ts\":\""
            + minute(minute)
            + "\"}";
    return TimestampedValue.of(KV.of("test/" + id, json), minute(minute));
  }

  static TestStream.Builder<KV<String, String>> stream() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .advanceWatermarkTo(T0);
  }

  static WindowTotal pane(
      IntervalWindow w,
      String avg,
      long quantity,
      String amount,
      long count,
      long index,
      String timing,
      boolean isFinal) {
    return new WindowTotal(
        w.start(),
        w.end(),
        "Skincare",
        "PayPal",
        new BigDecimal(avg),
        quantity,
        new BigDecimal(amount),
        count,
        index,
        timing,
        isFinal);
  }

  private PCollectionTuple process(TestStream<KV<String, String>> input) {
    return p.apply("Records", input)
        .apply(
            "Purchases",
            ProcessPurchases.of(
                "purchases", PurchaseWindowTotals.DEFAULT_WINDOWING, Duration.standardDays(1), 4));
  }

  @Test
  public void aLatePurchaseWithinTheHourCorrectsItsWindowPaneByPane() {
    PCollection<WindowTotal> totals =
        process(
                stream()
                    .addElements(
                        purchase("p1", "PayPal", 2, "10.00", 1),
                        purchase("p2", "PayPal", 1, "5.25", 3))
                    .advanceWatermarkTo(minute(30))
                    .addElements(purchase("p3", "PayPal", 4, "2.50", 4))
                    // the same purchase again, later still: a duplicate, not counted twice
                    .addElements(purchase("p3", "PayPal", 4, "2.50", 4))
                    .advanceWatermarkToInfinity())
            .get(ProcessPurchases.TOTALS);

    PAssert.that(totals)
        .inWindow(W1)
        .containsInAnyOrder(
            pane(W1, "7.6250", 3, "25.25", 2, 0, "ON_TIME", false),
            pane(W1, "5.9167", 7, "35.25", 3, 1, "LATE", false),
            pane(W1, "5.9167", 7, "35.25", 3, 2, "LATE", true));
    p.run().waitUntilFinish();
  }

  @Test
  public void aPurchaseLaterThanTheHourIsVisibleAsTooLateAndNotCounted() {
    PCollectionTuple out =
        process(
            stream()
                .addElements(purchase("p1", "PayPal", 1, "10.00", 1))
                .advanceWatermarkTo(minute(10))
                // past W1's end + 1 h lateness + 5 min grace: W1 has closed
                .advanceWatermarkTo(minute(5 + 60 + 5 + 1))
                .addElements(purchase("late", "PayPal", 9, "99.00", 2))
                .advanceWatermarkToInfinity());

    PAssert.that(out.get(ProcessPurchases.TOTALS))
        .inWindow(W1)
        .containsInAnyOrder(
            pane(W1, "10.0000", 1, "10.00", 1, 0, "ON_TIME", false),
            pane(W1, "10.0000", 1, "10.00", 1, 1, "LATE", true));
    PAssert.that(
            out.get(ProcessPurchases.TOO_LATE)
                .apply(
                    "Ids",
                    MapElements.into(TypeDescriptors.strings())
                        .via((Counted<Purchase> c) -> c.value.transactionId + "/" + c.retracted)))
        .containsInAnyOrder("late/false");
    p.run().waitUntilFinish();
  }

  @Test
  public void aMalformedRecordIsADeadLetterWithItsReason() {
    PCollectionTuple out =
        process(
            stream()
                .addElements(
                    purchase("p1", "PayPal", 1, "10.00", 1),
                    purchase("bad", "PayPal", 0, "10.00", 1))
                .advanceWatermarkToInfinity());

    PAssert.that(
            out.get(ProcessPurchases.DEAD_LETTERS)
                .apply(
                    "Reasons",
                    MapElements.into(TypeDescriptors.strings())
                        .via((DeadLetter d) -> d.source + ": " + d.error)))
        .satisfies(
            reasons -> {
              List<String> all = new ArrayList<>();
              reasons.forEach(all::add);
              assertThat(all.size(), is(1));
              assertThat(all.get(0).startsWith("test/bad: "), is(true));
              assertThat(all.get(0).contains("non-positive quantity 0"), is(true));
              return null;
            });
    p.run().waitUntilFinish();
  }

  /**
   * Valid purchases whose window retail_windows cannot hold: a million units at a large price (a
   * total beyond decimal(18,2)), and one price beyond avg_price's numeric(18,4). Each such pane is
   * a dead letter naming the row and the column; the other window is written as usual.
   */
  @Test
  public void aWindowBeyondItsColumnsIsADeadLetterAndTheOthersAreWritten() {
    PCollectionTuple out =
        process(
            stream()
                .addElements(
                    purchase("huge", "PayPal", 1_000_000, "99999999999.99", 1),
                    purchase("dear", "Card", 1, "100000000000000.00", 2),
                    purchase("p1", "PayPal", 2, "10.00", 6))
                .advanceWatermarkToInfinity());

    PAssert.that(out.get(ProcessPurchases.TOTALS).apply("Windows", describeWindows()))
        .satisfies(
            windows -> {
              windows.forEach(w -> assertThat(w, is(W2.start() + " PayPal 20.00")));
              assertThat(windows.iterator().hasNext(), is(true));
              return null;
            });
    PAssert.that(
            out.get(ProcessPurchases.DEAD_LETTERS)
                .apply(
                    "Reasons",
                    MapElements.into(TypeDescriptors.strings())
                        .via((DeadLetter d) -> d.stage + " " + d.source + ": " + d.error)))
        .satisfies(
            reasons -> {
              java.util.Set<String> distinct = new java.util.TreeSet<>();
              reasons.forEach(r -> distinct.add(r.replaceAll("pane \\d+ [A-Z_]+", "pane")));
              assertThat(
                  new ArrayList<>(distinct),
                  contains(
                      "windows retail_windows/Skincare/Card@"
                          + W1.start()
                          + ": avg_price 100000000000000.0000 does not fit numeric(18,4) (1"
                          + " purchases, pane): this pane of the window is not written",
                      "windows retail_windows/Skincare/PayPal@"
                          + W1.start()
                          + ": total_amount 99999999999990000.00 does not fit decimal(18,2)"
                          + " (1 purchases, pane): this pane of the window is not written"));
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static MapElements<WindowTotal, String> describeWindows() {
    return MapElements.into(TypeDescriptors.strings())
        .via(
            (WindowTotal w) ->
                w.windowStart + " " + w.paymentMethod + " " + w.totalAmount.toPlainString());
  }

  @Test
  public void aLatePurchaseChangesItsWindowAndTheRunningTotalOfEveryLaterWindowInPostgres()
      throws Exception {
    String schema = "direct_" + (++schemas);
    JdbcConnection db = JdbcConnection.of(postgres.jdbcUrl(), "", 2);
    PCollectionTuple out =
        process(
            stream()
                .addElements(
                    purchase("p1", "PayPal", 1, "10.00", 1),
                    purchase("p2", "PayPal", 2, "3.00", 6),
                    purchase("p3", "PayPal", 1, "7.00", 11))
                .advanceWatermarkTo(minute(20))
                .advanceProcessingTime(Duration.standardSeconds(10))
                // 19 minutes late for W1, well within the hour
                .addElements(purchase("p4", "PayPal", 3, "1.50", 2))
                .advanceProcessingTime(Duration.standardSeconds(10))
                .advanceWatermarkToInfinity());
    out.get(ProcessPurchases.TOTALS)
        .apply("Rows", RetailTables.windowRows())
        .apply(
            "Write",
            WriteJdbcUpserts.to(db, RetailTables.windowsIn(schema))
                .withCommitInterval(Duration.standardSeconds(5)));
    RetailTables.createView(db, schema);

    p.run().waitUntilFinish();

    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT window_start, total_amount, running_total, purchase_count, is_final FROM "
                    + schema
                    + ".retail ORDER BY window_start")) {
      while (rs.next()) {
        rows.add(
            rs.getObject(1, java.time.OffsetDateTime.class).toInstant()
                + " "
                + rs.getBigDecimal(2)
                + " "
                + rs.getBigDecimal(3)
                + " "
                + rs.getLong(4)
                + " "
                + rs.getBoolean(5));
      }
    }
    assertThat(
        rows,
        contains(
            "2026-03-01T10:00:00Z 14.50 14.50 2 true",
            "2026-03-01T10:05:00Z 6.00 20.50 1 true",
            "2026-03-01T10:10:00Z 7.00 27.50 1 true"));
  }
}
