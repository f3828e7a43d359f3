package io.onceflow.pipelines.ledger;

import io.onceflow.transforms.iceberg.UpsertTable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * {@code ledger_summary}: one row per {@code (transaction_type, currency)} — every one of the 12,
 * those without a transaction at 0 — with {@code transaction_count}, {@code total_amount}
 * (decimal(18,2), exact) and {@code avg_amount} (decimal(22,6), half-up; null at count 0), from the
 * pipeline's running summary ({@link LedgerSummaryFn}). Versioned by {@code (ledger_transactions,
 * pane_index)}: a pane that covers more transaction ids wins, and of panes covering as many the
 * later one (a conflict's winner replacing its loser changes the totals, not the ids). A replay
 * from the earliest offset with fresh state therefore cannot overwrite a complete summary with a
 * partial one: its panes cover fewer ids until it has read everything.
 */
public final class LedgerSummaryTable {

  public static final String NAME = "ledger_summary";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("transaction_type")
          .addStringField("currency")
          .addInt64Field("transaction_count")
          .addDecimalField("total_amount")
          .addField(
              "avg_amount",
              FieldType.logicalType(
                      FixedPrecisionNumeric.of(
                          LedgerSummaryFn.AVERAGE_PRECISION, LedgerSummaryFn.AVERAGE_SCALE))
                  .withNullable(true))
          .addInt64Field("ledger_transactions")
          .addInt64Field("pane_index")
          .addDateTimeField("updated_at")
          .build();

  private LedgerSummaryTable() {}

  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "transaction_type", "currency")
        .versionedBy("ledger_transactions", "pane_index")
        // A replay with fresh state numbers its panes again: its complete pane, which holds the
        // stored values, must not be committed again under a higher pane index.
        .writtenOnlyWhenChanged("pane_index", "updated_at");
  }

  public static PTransform<PCollection<SummaryLine>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<SummaryLine> lines) {
        return lines.apply("ToSummaryRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<SummaryLine, Row> {
    @ProcessElement
    public void process(@Element SummaryLine s, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  s.transactionType,
                  s.currency,
                  s.count,
                  s.total,
                  s.average,
                  s.ledgerTransactions,
                  s.paneIndex,
                  Instant.now())
              .build());
    }
  }
}
