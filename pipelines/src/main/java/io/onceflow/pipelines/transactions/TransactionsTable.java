package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.iceberg.UpsertTable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The {@code transactions} ledger, one row per {@code txn_id} holding the winning version ({@link
 * TransactionVersion}: the table's version columns are the same columns in the same order),
 * partitioned by day of event time; and {@code late_events}, the transactions that came after their
 * window closed, in the same shape plus whether the late record was a retraction.
 */
public final class TransactionsTable {

  public static final String NAME = "transactions";
  public static final String LATE_EVENTS = "late_events";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("txn_id")
          .addDateTimeField("event_time")
          .addDateTimeField("processing_time")
          .addStringField("customer_id")
          .addDecimalField("amount")
          .addStringField("status")
          .build();

  public static final Schema LATE_SCHEMA =
      Schema.builder().addFields(SCHEMA.getFields()).addBooleanField("retracted").build();

  private TransactionsTable() {}

  public static UpsertTable in(String namespace) {
    return UpsertTable.named(namespace, NAME, "txn_id")
        .versionedBy(TransactionVersion.COLUMNS)
        .partitionedBy("day(event_time)");
  }

  /** Keyed by the transaction and whether it was a retraction; a replay adds nothing. */
  public static UpsertTable lateEventsIn(String namespace) {
    return UpsertTable.named(namespace, LATE_EVENTS, "txn_id", "retracted")
        .versionedBy(TransactionVersion.COLUMNS)
        .partitionedBy("day(event_time)");
  }

  /**
   * Counted versions as ledger rows; retractions are left out (the winner's row replaces the
   * loser's).
   */
  public static PTransform<PCollection<Counted<TransactionEvent>>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<Counted<TransactionEvent>> counted) {
        return counted
            .apply("CountedNotRetracted", Filter.by((Counted<TransactionEvent> t) -> !t.retracted))
            .apply(
                "ToLedgerRow",
                MapElements.into(TypeDescriptors.rows())
                    .via((Counted<TransactionEvent> t) -> row(SCHEMA, t.value).build()))
            .setRowSchema(SCHEMA);
      }
    };
  }

  public static PTransform<PCollection<Counted<TransactionEvent>>, PCollection<Row>> lateRows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<Counted<TransactionEvent>> late) {
        return late.apply(
                "ToLateEventRow",
                MapElements.into(TypeDescriptors.rows())
                    .via(
                        (Counted<TransactionEvent> t) ->
                            row(LATE_SCHEMA, t.value).addValue(t.retracted).build()))
            .setRowSchema(LATE_SCHEMA);
      }
    };
  }

  private static Row.Builder row(Schema schema, TransactionEvent e) {
    return Row.withSchema(schema)
        .addValues(e.txnId, e.eventTime, e.processingTime, e.customerId, e.amount, e.status);
  }
}
