package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.dedup.Conflict;
import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.dedup.DedupRule;
import io.onceflow.transforms.dedup.Deduplicate;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;

/**
 * Counts each {@code txn_id} once ({@link Deduplicate}) by the keep-best rule of {@link
 * TransactionVersion}: an exact duplicate is dropped, a disagreeing version is a conflict, and a
 * version that beats the counted one retracts it.
 */
public final class DeduplicateTransactions
    extends PTransform<PCollection<TransactionEvent>, PCollectionTuple> {

  public static final TupleTag<Counted<TransactionEvent>> COUNTED = new TupleTag<>() {};
  public static final TupleTag<TransactionEvent> DUPLICATES = new TupleTag<>() {};
  public static final TupleTag<Conflict<TransactionEvent>> CONFLICTS = new TupleTag<>() {};

  public static final int DEFAULT_SHARDS = Deduplicate.DEFAULT_SHARDS;

  private final Deduplicate<TransactionEvent> dedup;

  private DeduplicateTransactions(Deduplicate<TransactionEvent> dedup) {
    this.dedup = dedup;
  }

  public static DeduplicateTransactions withRetention(Duration retention) {
    return new DeduplicateTransactions(
        Deduplicate.by(
            (TransactionEvent e) -> e.txnId,
            e -> e.eventTime,
            DedupRule.keepBest(new TransactionVersion()),
            retention));
  }

  /** How many keys the state is spread over; changing it starts from fresh state. */
  public DeduplicateTransactions withShards(int shards) {
    return new DeduplicateTransactions(dedup.withShards(shards));
  }

  @Override
  public PCollectionTuple expand(PCollection<TransactionEvent> events) {
    PCollectionTuple out = events.apply("KeepBestVersion", dedup);
    return PCollectionTuple.of(COUNTED, out.get(dedup.counted()))
        .and(DUPLICATES, out.get(dedup.duplicates()))
        .and(CONFLICTS, out.get(dedup.conflicts()));
  }
}
