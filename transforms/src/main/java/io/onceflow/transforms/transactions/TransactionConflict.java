package io.onceflow.transforms.transactions;

import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Two versions of one {@code txn_id} that disagree, and which one {@link TransactionVersion#ORDER}
 * kept.
 */
@DefaultCoder(TransactionConflictCoder.class)
public final class TransactionConflict {

  public final String txnId;
  public final TransactionEvent kept;
  public final TransactionEvent discarded;

  public TransactionConflict(String txnId, TransactionEvent kept, TransactionEvent discarded) {
    this.txnId = txnId;
    this.kept = kept;
    this.discarded = discarded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionConflict
        && ((TransactionConflict) o).txnId.equals(txnId)
        && ((TransactionConflict) o).kept.equals(kept)
        && ((TransactionConflict) o).discarded.equals(discarded);
  }

  @Override
  public int hashCode() {
    return txnId.hashCode();
  }

  @Override
  public String toString() {
    return "conflict " + txnId + ": kept " + kept + ", discarded " + discarded;
  }
}
