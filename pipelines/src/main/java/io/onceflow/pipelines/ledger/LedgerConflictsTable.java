package io.onceflow.pipelines.ledger;

import io.onceflow.transforms.iceberg.UpsertTable;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * {@code ledger_conflicts}: one row per {@code transaction_id} that arrived in versions that
 * differ, never resolved silently. It holds how many distinct versions were seen, the winner
 * ({@code winner_*}: the version in {@code transactions_ledger}) and the runner-up ({@code
 * other_*}), both with the amount as received, and the hashes of every version that lost. Versioned
 * by {@code versions}: the set of versions only grows, so a row that has seen more versions wins,
 * and a replay, which sees the same ones, rewrites nothing.
 */
public final class LedgerConflictsTable {

  public static final String NAME = "ledger_conflicts";

  private static final String[] VERSION_FIELDS = {
    "hash", "account_from", "account_to", "amount", "currency", "transaction_type"
  };

  public static final Schema SCHEMA = schema();

  private LedgerConflictsTable() {}

  private static Schema schema() {
    Schema.Builder b = Schema.builder().addStringField("transaction_id").addInt64Field("versions");
    for (String side : new String[] {"winner_", "other_"}) {
      for (String f : VERSION_FIELDS) {
        b.addStringField(side + f);
      }
      b.addDateTimeField(side + "event_timestamp");
    }
    return b.addStringField("discarded_hashes").addDateTimeField("updated_at").build();
  }

  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "transaction_id").versionedBy("versions");
  }

  public static PTransform<PCollection<KV<String, List<LedgerEntry>>>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<KV<String, List<LedgerEntry>>> conflicts) {
        return conflicts.apply("ToConflictRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  private static final class ToRowFn extends DoFn<KV<String, List<LedgerEntry>>, Row> {
    @ProcessElement
    public void process(@Element KV<String, List<LedgerEntry>> c, OutputReceiver<Row> out) {
      List<LedgerEntry> versions = c.getValue();
      Row.Builder row = Row.withSchema(SCHEMA).addValues(c.getKey(), (long) versions.size());
      for (LedgerEntry e : List.of(versions.get(0), versions.get(1))) {
        row.addValues(
            e.transactionHash,
            e.accountFrom,
            e.accountTo,
            e.amountText,
            e.currency,
            e.transactionType,
            e.eventTimestamp);
      }
      List<String> discarded =
          versions.subList(1, versions.size()).stream().map(e -> e.transactionHash).toList();
      out.output(row.addValues(String.join(",", discarded), Instant.now()).build());
    }
  }
}
