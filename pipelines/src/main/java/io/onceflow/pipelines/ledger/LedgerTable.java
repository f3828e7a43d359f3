package io.onceflow.pipelines.ledger;

import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.iceberg.UpsertTable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * {@code transactions_ledger}, the seed's table: one row per {@code transaction_id} holding the
 * winning version, partitioned by day of event time. Its version columns are {@link
 * LedgerVersion#COLUMNS}, so the table keeps the version the dedup keeps, whatever order the
 * versions are written in. {@code processing_time} (when the pipeline made the row) is deliberately
 * not among them: a replay makes the same versions again with later processing times, and they are
 * as new as the stored rows, so the replay writes nothing.
 */
public final class LedgerTable {

  public static final String NAME = "transactions_ledger";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("transaction_id")
          .addStringField("account_from")
          .addStringField("account_to")
          .addDecimalField("amount")
          .addStringField("currency")
          .addStringField("transaction_type")
          .addStringField("transaction_hash")
          .addDateTimeField("event_timestamp")
          .addDateTimeField("processing_time")
          .build();

  private LedgerTable() {}

  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "transaction_id")
        .versionedBy(LedgerVersion.COLUMNS)
        .partitionedBy("day(event_timestamp)");
  }

  /** Counted versions as rows; a retraction writes nothing (the winner's row replaces it). */
  public static PTransform<PCollection<Counted<LedgerEntry>>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<Counted<LedgerEntry>> counted) {
        return counted.apply("ToLedgerRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<Counted<LedgerEntry>, Row> {
    @ProcessElement
    public void process(@Element Counted<LedgerEntry> c, OutputReceiver<Row> out) {
      if (c.retracted) {
        return;
      }
      LedgerEntry e = c.value;
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  e.transactionId,
                  e.accountFrom,
                  e.accountTo,
                  e.amount,
                  e.currency,
                  e.transactionType,
                  e.transactionHash,
                  e.eventTimestamp,
                  Instant.now())
              .build());
    }
  }
}
