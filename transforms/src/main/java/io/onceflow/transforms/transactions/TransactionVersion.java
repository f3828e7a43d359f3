package io.onceflow.transforms.transactions;

import java.util.Comparator;

/**
 * The deterministic order among versions of one {@code txn_id} that disagree: the version the
 * source processed last (greatest {@code processing_time}) wins, as a correction supersedes what
 * it corrects; equal processing times are broken by the version's content, so the winner never
 * depends on arrival order, runner or parallelism.
 */
public final class TransactionVersion {

  public static final Comparator<TransactionEvent> ORDER =
      Comparator.<TransactionEvent>comparingLong(e -> e.processingTime.getMillis())
          .thenComparing(TransactionVersion::content);

  private TransactionVersion() {}

  /** Everything that distinguishes one version from another, as text. */
  static String content(TransactionEvent e) {
    return e.eventTime.getMillis() + "|" + e.customerId + "|" + e.amount.toPlainString() + "|" + e.status;
  }

  /** True when two events are the same version (an exact duplicate). */
  static boolean sameVersion(TransactionEvent a, TransactionEvent b) {
    return ORDER.compare(a, b) == 0;
  }
}
