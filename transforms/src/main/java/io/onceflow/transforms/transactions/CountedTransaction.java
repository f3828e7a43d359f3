package io.onceflow.transforms.transactions;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What deduplication hands to aggregation: a version of a transaction to count, or, when a later
 * version beat one already counted, a retraction of the beaten version. A retraction travels with
 * the beaten version's event time and customer, so it reaches the very window that counted it.
 */
@DefaultCoder(CountedTransactionCoder.class)
public final class CountedTransaction {

  public final TransactionEvent event;
  public final boolean retracted;

  public CountedTransaction(TransactionEvent event, boolean retracted) {
    this.event = event;
    this.retracted = retracted;
  }

  public static CountedTransaction count(TransactionEvent event) {
    return new CountedTransaction(event, false);
  }

  public static CountedTransaction retract(TransactionEvent event) {
    return new CountedTransaction(event, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CountedTransaction
        && ((CountedTransaction) o).retracted == retracted
        && ((CountedTransaction) o).event.equals(event);
  }

  @Override
  public int hashCode() {
    return Objects.hash(event, retracted);
  }

  @Override
  public String toString() {
    return (retracted ? "retract " : "count ") + event;
  }
}
