package io.onceflow.pipelines.ledger;

import java.util.Comparator;
import org.apache.beam.sdk.transforms.SerializableComparator;

/**
 * The deterministic order among versions of one {@code transaction_id}: the greatest {@code
 * event_timestamp} wins (the later record supersedes what it corrects); equal timestamps are broken
 * by {@code transaction_hash} (its hex text, which covers the accounts, the amount as received and
 * the currency), then by {@code transaction_type}, the one field neither covers. So the winner
 * never depends on arrival order, runner or parallelism, and two entries compare equal only when
 * they are the same record (an exact duplicate). The ledger table's version columns are {@link
 * #COLUMNS}, the same fields in the same order, so the table picks the same winner as the dedup,
 * the summary and the conflicts.
 */
public final class LedgerVersion implements SerializableComparator<LedgerEntry> {

  private static final long serialVersionUID = 1L;

  public static final Comparator<LedgerEntry> ORDER =
      Comparator.<LedgerEntry>comparingLong(e -> e.eventTimestamp.getMillis())
          .thenComparing(e -> e.transactionHash)
          .thenComparing(e -> e.transactionType);

  /** The ledger table's columns, in the order {@link #ORDER} compares them. */
  static final String[] COLUMNS = {"event_timestamp", "transaction_hash", "transaction_type"};

  @Override
  public int compare(LedgerEntry a, LedgerEntry b) {
    return ORDER.compare(a, b);
  }
}
