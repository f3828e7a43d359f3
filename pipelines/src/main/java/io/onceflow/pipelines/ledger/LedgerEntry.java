package io.onceflow.pipelines.ledger;

import java.math.BigDecimal;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;

/**
 * A validated ledger record: the seed's fields with types, the amount both as received ({@code
 * amountText}, which the hash covers) and as money ({@code amount}, a {@link BigDecimal} of scale
 * 2), the event time as a UTC instant, and the {@code transaction_hash} computed from them ({@link
 * TransactionHash}). Two entries are equal when every field is.
 */
@DefaultCoder(LedgerEntryCoder.class)
public final class LedgerEntry implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  public final String transactionId;
  public final String accountFrom;
  public final String accountTo;
  public final String amountText;
  public final BigDecimal amount;
  public final String currency;
  public final String transactionType;
  public final Instant eventTimestamp;
  public final String transactionHash;

  public LedgerEntry(
      String transactionId,
      String accountFrom,
      String accountTo,
      String amountText,
      BigDecimal amount,
      String currency,
      String transactionType,
      Instant eventTimestamp,
      String transactionHash) {
    this.transactionId = transactionId;
    this.accountFrom = accountFrom;
    this.accountTo = accountTo;
    this.amountText = amountText;
    this.amount = amount;
    this.currency = currency;
    this.transactionType = transactionType;
    this.eventTimestamp = eventTimestamp;
    this.transactionHash = transactionHash;
  }

  /** The summary's group: {@code transaction_type, currency}. */
  public String group() {
    return transactionType + " " + currency;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LedgerEntry e
        && transactionId.equals(e.transactionId)
        && accountFrom.equals(e.accountFrom)
        && accountTo.equals(e.accountTo)
        && amountText.equals(e.amountText)
        && amount.equals(e.amount)
        && currency.equals(e.currency)
        && transactionType.equals(e.transactionType)
        && eventTimestamp.equals(e.eventTimestamp)
        && transactionHash.equals(e.transactionHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(transactionId, transactionHash, transactionType, eventTimestamp);
  }

  @Override
  public String toString() {
    return transactionId
        + "{"
        + accountFrom
        + "->"
        + accountTo
        + " "
        + amountText
        + " "
        + currency
        + " "
        + transactionType
        + " at "
        + eventTimestamp
        + " hash "
        + transactionHash.substring(0, Math.min(12, transactionHash.length()))
        + "}";
  }
}
