package io.onceflow.pipelines.transactions;

import java.math.BigDecimal;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;

/**
 * A validated transaction: the seed's columns with types. {@code amount} is money, a {@link
 * BigDecimal} of scale 2; times are UTC instants.
 */
@DefaultCoder(TransactionEventCoder.class)
public final class TransactionEvent {

  public final Instant eventTime;
  public final Instant processingTime;
  public final String txnId;
  public final String customerId;
  public final BigDecimal amount;
  public final String status;

  public TransactionEvent(
      Instant eventTime,
      Instant processingTime,
      String txnId,
      String customerId,
      BigDecimal amount,
      String status) {
    this.eventTime = eventTime;
    this.processingTime = processingTime;
    this.txnId = txnId;
    this.customerId = customerId;
    this.amount = amount;
    this.status = status;
  }

  public boolean isSuccess() {
    return TransactionStatus.SUCCESS.name().equals(status);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TransactionEvent)) {
      return false;
    }
    TransactionEvent that = (TransactionEvent) o;
    return eventTime.equals(that.eventTime)
        && processingTime.equals(that.processingTime)
        && txnId.equals(that.txnId)
        && customerId.equals(that.customerId)
        && amount.compareTo(that.amount) == 0
        && status.equals(that.status);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        eventTime, processingTime, txnId, customerId, amount.stripTrailingZeros(), status);
  }

  @Override
  public String toString() {
    return txnId
        + "{"
        + customerId
        + " "
        + amount
        + " "
        + status
        + " at "
        + eventTime
        + " processed "
        + processingTime
        + "}";
  }
}
