package io.onceflow.pipelines.purchases;

import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.deadletter.UnstorableToDeadLetters;
import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.dedup.DedupRule;
import io.onceflow.transforms.dedup.Deduplicate;
import io.onceflow.transforms.parse.ParseRecords;
import io.onceflow.transforms.windowing.EventTimeWindowing;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;

/**
 * The purchases from raw records to what their tables hold: parse and validate ({@link
 * PurchaseJsonParser}; a rejected record is a {@link DeadLetter}), dedup by {@code transaction_id}
 * keeping the first occurrence (earliest {@code ts}, ties by content; a replayed copy is a
 * duplicate), then {@link PurchaseWindowTotals}.
 */
public final class ProcessPurchases
    extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {

  public static final TupleTag<WindowTotal> TOTALS = PurchaseWindowTotals.TOTALS;
  public static final TupleTag<Counted<Purchase>> TOO_LATE = PurchaseWindowTotals.TOO_LATE;
  public static final TupleTag<Purchase> DUPLICATES = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  private final String pipeline;
  private final EventTimeWindowing windowing;
  private final Duration dedupRetention;
  private final int dedupShards;

  private ProcessPurchases(
      String pipeline, EventTimeWindowing windowing, Duration dedupRetention, int dedupShards) {
    this.pipeline = pipeline;
    this.windowing = windowing;
    this.dedupRetention = dedupRetention;
    this.dedupShards = dedupShards;
  }

  public static ProcessPurchases of(
      String pipeline, EventTimeWindowing windowing, Duration dedupRetention, int dedupShards) {
    return new ProcessPurchases(pipeline, windowing, dedupRetention, dedupShards);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> records) {
    ParseRecords<Purchase> parse =
        ParseRecords.with(pipeline, PurchaseJsonParser::parse, p -> p.ts, PurchaseCoder.of());
    PCollectionTuple parsed = records.apply("Parse", parse);
    Deduplicate<Purchase> dedup =
        Deduplicate.by(
                (Purchase p) -> p.transactionId,
                p -> p.ts,
                DedupRule.keepFirst(
                    (Purchase p) -> p.ts, (a, b) -> a.content().compareTo(b.content())),
                dedupRetention)
            .withShards(dedupShards);
    PCollectionTuple deduped = parsed.get(parse.parsed()).apply("Deduplicate", dedup);
    PCollectionTuple totals =
        deduped.get(dedup.counted()).apply("WindowTotals", PurchaseWindowTotals.of(windowing));
    // Valid purchases can make a window that retail_windows cannot hold (a million units at a
    // large price): its sink would fail every commit, so such a pane is a dead letter instead.
    UnstorableToDeadLetters<WindowTotal> fit = RetailTables.fitting(pipeline);
    PCollectionTuple storable = totals.get(PurchaseWindowTotals.TOTALS).apply("Storable", fit);
    return PCollectionTuple.of(TOTALS, storable.get(fit.stored()))
        .and(TOO_LATE, totals.get(PurchaseWindowTotals.TOO_LATE))
        .and(DUPLICATES, deduped.get(dedup.duplicates()))
        .and(
            DEAD_LETTERS,
            PCollectionList.of(parsed.get(parse.deadLetters()))
                .and(storable.get(fit.deadLetters()))
                .apply("AllDeadLetters", Flatten.pCollections()));
  }
}
