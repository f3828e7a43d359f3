package io.onceflow.pipelines.purchases;

import io.onceflow.transforms.deadletter.UnstorableToDeadLetters;
import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.jdbc.JdbcConnection;
import io.onceflow.transforms.jdbc.PostgresTables;
import io.onceflow.transforms.parse.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * The purchases pipeline's PostgreSQL tables and the {@code retail} view.
 *
 * <p>{@code retail_windows}: one row per {@code (category, payment_method, window_start)} holding
 * the newest pane, versioned like the flagship's totals: {@code (is_final, purchase_count,
 * pane_index)}, sealed by {@code is_final}. {@code retail} (the seed's table) is a view over it
 * that adds {@code running_total}, {@code SUM(total_amount) OVER (PARTITION BY category,
 * payment_method ORDER BY window_start)}: a late purchase rewrites one row of {@code
 * retail_windows}, and every later window's running total follows in the same commit, because it is
 * computed when read, never stored (see docs/purchases.md for why not a stateful re-emitting step).
 *
 * <p>{@code retail_late_events}: the purchases that came after their window closed, keyed by {@code
 * transaction_id} and whether it is a retraction; first stored stays.
 */
public final class RetailTables {

  public static final String WINDOWS = "retail_windows";
  public static final String VIEW = "retail";
  public static final String LATE_EVENTS = "retail_late_events";

  public static final Schema WINDOWS_SCHEMA =
      Schema.builder()
          .addDateTimeField("window_start")
          .addDateTimeField("window_end")
          .addStringField("category")
          .addStringField("payment_method")
          .addLogicalTypeField("avg_price", FixedPrecisionNumeric.of(18, PurchaseSums.AVG_SCALE))
          .addInt64Field("total_quantity")
          .addDecimalField("total_amount")
          .addInt64Field("purchase_count")
          .addDateTimeField("timestamp")
          .addInt64Field("pane_index")
          .addStringField("pane_timing")
          .addBooleanField("is_final")
          .build();

  public static final Schema LATE_SCHEMA =
      Schema.builder()
          .addStringField("transaction_id")
          .addBooleanField("retracted")
          .addStringField("customer_id")
          .addStringField("category")
          .addStringField("brand")
          .addStringField("product_name")
          .addInt64Field("quantity")
          .addDecimalField("price")
          .addStringField("payment_method")
          .addDateTimeField("ts")
          .build();

  private RetailTables() {}

  // avg_price's numeric(18, AVG_SCALE): this many integer digits at most.
  private static final BigDecimal AVG_PRICE_LIMIT = BigDecimal.TEN.pow(18 - PurchaseSums.AVG_SCALE);

  /**
   * The window panes that {@code retail_windows} can hold, and a dead letter (stage {@code
   * windows}) for each it cannot: a {@code total_amount} beyond decimal(18,2) or an {@code
   * avg_price} beyond numeric(18,4), which valid purchases can make (up to a million units at a
   * price of up to decimal(18,2)). The dead letter's source names the row ({@code
   * retail_windows/category/payment_method@window_start}; the first such pane's stays), its raw the
   * pane with the exact values; the row keeps the last pane that fit, if any.
   */
  public static UnstorableToDeadLetters<WindowTotal> fitting(String pipeline) {
    return UnstorableToDeadLetters.of(
        pipeline,
        "windows",
        RetailTables::unstorable,
        t -> WINDOWS + "/" + t.category + "/" + t.paymentMethod + "@" + t.windowStart,
        t ->
            UnstorableToDeadLetters.rawRow(
                "window_start", t.windowStart,
                "window_end", t.windowEnd,
                "category", t.category,
                "payment_method", t.paymentMethod,
                "avg_price", t.avgPrice,
                "total_quantity", t.totalQuantity,
                "total_amount", t.totalAmount,
                "purchase_count", t.purchaseCount,
                "pane_index", t.paneIndex,
                "pane_timing", t.paneTiming,
                "is_final", t.isFinal));
  }

  static String unstorable(WindowTotal t) {
    String why = Money.unstorable("total_amount", t.totalAmount);
    if (why == null && t.avgPrice.abs().compareTo(AVG_PRICE_LIMIT) >= 0) {
      why =
          "avg_price "
              + t.avgPrice.toPlainString()
              + " does not fit numeric(18,"
              + PurchaseSums.AVG_SCALE
              + ")";
    }
    return why == null
        ? null
        : why
            + " ("
            + t.purchaseCount
            + " purchases, pane "
            + t.paneIndex
            + " "
            + t.paneTiming
            + "): this pane of the window is not written";
  }

  public static UpsertTable windowsIn(String schema) {
    return UpsertTable.named(schema, WINDOWS, "category", "payment_method", "window_start")
        .versionedBy("is_final", "purchase_count", "pane_index")
        .sealedBy("is_final");
  }

  public static UpsertTable lateEventsIn(String schema) {
    return UpsertTable.named(schema, LATE_EVENTS, "transaction_id", "retracted");
  }

  /** The view's SQL: the window table's columns in the seed's order, and the running total. */
  static String viewSql(String schema) {
    String windows = PostgresTables.qualifiedName(windowsIn(schema));
    return "CREATE OR REPLACE VIEW "
        + quote(schema)
        + "."
        + quote(VIEW)
        + " AS SELECT category, payment_method, window_start, window_end, avg_price,"
        + " total_quantity, total_amount,"
        + " CAST(SUM(total_amount) OVER (PARTITION BY category, payment_method"
        + " ORDER BY window_start ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
        + " AS numeric(18,2)) AS running_total,"
        + " \"timestamp\", purchase_count, pane_index, pane_timing, is_final FROM "
        + windows;
  }

  /** Creates or replaces the {@code retail} view (after the window table exists). */
  public static void createView(JdbcConnection connection, String schema) {
    try (Connection c = connection.connect();
        Statement s = c.createStatement()) {
      s.execute(viewSql(schema));
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the view " + schema + "." + VIEW + " at " + connection + ": " + e, e);
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  public static PTransform<PCollection<WindowTotal>, PCollection<Row>> windowRows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<WindowTotal> totals) {
        return totals
            .apply("ToWindowRow", ParDo.of(new WindowRowFn()))
            .setRowSchema(WINDOWS_SCHEMA);
      }
    };
  }

  public static PTransform<PCollection<Counted<Purchase>>, PCollection<Row>> lateRows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<Counted<Purchase>> late) {
        return late.apply("ToLateRow", ParDo.of(new LateRowFn())).setRowSchema(LATE_SCHEMA);
      }
    };
  }

  /** Stamped with when the pane was made: the seed's {@code timestamp}. */
  private static final class WindowRowFn extends DoFn<WindowTotal, Row> {
    @ProcessElement
    public void process(@Element WindowTotal t, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(WINDOWS_SCHEMA)
              .addValues(
                  t.windowStart,
                  t.windowEnd,
                  t.category,
                  t.paymentMethod,
                  t.avgPrice,
                  t.totalQuantity,
                  t.totalAmount,
                  t.purchaseCount,
                  Instant.now(),
                  t.paneIndex,
                  t.paneTiming,
                  t.isFinal)
              .build());
    }
  }

  private static final class LateRowFn extends DoFn<Counted<Purchase>, Row> {
    @ProcessElement
    public void process(@Element Counted<Purchase> c, OutputReceiver<Row> out) {
      Purchase p = c.value;
      out.output(
          Row.withSchema(LATE_SCHEMA)
              .addValues(
                  p.transactionId,
                  c.retracted,
                  p.customerId,
                  p.category,
                  p.brand,
                  p.productName,
                  p.quantity,
                  p.price,
                  p.paymentMethod,
                  p.ts)
              .build());
    }
  }
}
