package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.deadletter.UnstorableToDeadLetters;
import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.parse.Money;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * The {@code customer_hourly_totals} table: one row per {@code (window_start, customer_id)} holding
 * the newest pane, partitioned by day. "Newest" is {@code (is_final, txn_count, pane_index)}: the
 * final pane wins over any speculative one; a pane that has seen more distinct transactions wins
 * over one that saw fewer (a restarted job that recomputes a window starts again from few); the
 * pane index, which restarts at 0 with the job, only breaks ties. A window whose total changed
 * without its count changing (a conflicting duplicate's winner replacing the loser) is therefore
 * settled at the latest by its final pane. A final row is sealed: a replay that judges lateness
 * differently (it reads the same records against a different watermark) cannot rewrite a window
 * that has closed.
 */
public final class CustomerHourlyTotalsTable {

  public static final String NAME = "customer_hourly_totals";

  public static final Schema SCHEMA =
      Schema.builder()
          .addDateTimeField("window_start")
          .addDateTimeField("window_end")
          .addStringField("customer_id")
          .addDecimalField("total_amount")
          .addInt64Field("txn_count")
          .addInt64Field("pane_index")
          .addStringField("pane_timing")
          .addBooleanField("is_final")
          .addDateTimeField("updated_at")
          .build();

  private CustomerHourlyTotalsTable() {}

  public static UpsertTable in(String namespace) {
    return UpsertTable.named(namespace, NAME, "window_start", "customer_id")
        .versionedBy("is_final", "txn_count", "pane_index")
        .sealedBy("is_final")
        .partitionedBy("day(window_start)");
  }

  /**
   * The panes whose total fits {@code total_amount}, and a dead letter (stage {@code totals}) for
   * each that does not: two valid amounts can sum beyond decimal(18,2), and a sink given such a row
   * would fail its commit for ever, writing nothing else. The dead letter's source names the row
   * ({@code customer_hourly_totals/customer@window_start}; the first such pane's stays), its raw
   * the pane with the exact total; the row keeps the last pane that fit, if any.
   */
  public static UnstorableToDeadLetters<CustomerHourlyTotal> fitting(String pipeline) {
    return UnstorableToDeadLetters.of(
        pipeline,
        "totals",
        CustomerHourlyTotalsTable::unstorable,
        t -> NAME + "/" + t.customerId + "@" + t.windowStart,
        t ->
            UnstorableToDeadLetters.rawRow(
                "window_start", t.windowStart,
                "window_end", t.windowEnd,
                "customer_id", t.customerId,
                "total_amount", t.totalAmount,
                "txn_count", t.txnCount,
                "pane_index", t.paneIndex,
                "pane_timing", t.paneTiming,
                "is_final", t.isFinal));
  }

  static String unstorable(CustomerHourlyTotal t) {
    String why = Money.unstorable("total_amount", t.totalAmount);
    return why == null
        ? null
        : why.replace(
                " does not fit",
                " ("
                    + t.txnCount
                    + " transactions, "
                    + (t.isFinal ? "final pane" : "pane " + t.paneIndex)
                    + ") does not fit")
            + ": this pane of the window is not written";
  }

  /** Pane rows as table rows, stamped with the time they were made ({@code updated_at}). */
  public static PTransform<PCollection<CustomerHourlyTotal>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<CustomerHourlyTotal> totals) {
        return totals.apply("ToTableRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<CustomerHourlyTotal, Row> {
    @ProcessElement
    public void process(@Element CustomerHourlyTotal t, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  t.windowStart,
                  t.windowEnd,
                  t.customerId,
                  t.totalAmount,
                  t.txnCount,
                  t.paneIndex,
                  t.paneTiming,
                  t.isFinal,
                  Instant.now())
              .build());
    }
  }
}
