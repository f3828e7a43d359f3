package io.onceflow.pipelines.transactions;

import java.util.Comparator;
import org.apache.beam.sdk.transforms.SerializableComparator;

/**
 * The deterministic order among versions of one {@code txn_id} that disagree: the version the
 * source processed last (greatest {@code processing_time}) wins, as a correction supersedes what it
 * corrects; equal processing times are broken by the version's content, column by column ({@code
 * event_time, customer_id, amount, status}), so the winner never depends on arrival order, runner
 * or parallelism. The {@code transactions} table orders versions by the same columns ({@link
 * TransactionsTable}), so the table and the totals agree on the winner.
 */
public final class TransactionVersion implements SerializableComparator<TransactionEvent> {

  private static final long serialVersionUID = 1L;

  public static final Comparator<TransactionEvent> ORDER =
      Comparator.<TransactionEvent>comparingLong(e -> e.processingTime.getMillis())
          .thenComparingLong(e -> e.eventTime.getMillis())
          .thenComparing(e -> e.customerId)
          .thenComparing(e -> e.amount)
          .thenComparing(e -> e.status);

  /** The table columns, in the order {@link #ORDER} compares them. */
  static final String[] COLUMNS = {
    "processing_time", "event_time", "customer_id", "amount", "status"
  };

  /** {@link #ORDER} as a serializable comparator, for the dedup rule. */
  TransactionVersion() {}

  @Override
  public int compare(TransactionEvent a, TransactionEvent b) {
    return ORDER.compare(a, b);
  }

  /** True when two events are the same version (an exact duplicate). */
  static boolean sameVersion(TransactionEvent a, TransactionEvent b) {
    return ORDER.compare(a, b) == 0;
  }
}
