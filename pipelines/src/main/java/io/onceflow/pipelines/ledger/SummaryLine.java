package io.onceflow.pipelines.ledger;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One row of the running summary: per {@code transaction_type, currency}, the count, sum and
 * average of the ledger's winning versions, as of a pane that had seen {@code ledgerTransactions}
 * distinct transaction ids; {@code average} is null when the count is 0.
 */
public final class SummaryLine implements Serializable {

  private static final long serialVersionUID = 1L;

  public final String transactionType;
  public final String currency;
  public final long count;
  public final BigDecimal total;
  public final BigDecimal average;
  public final long ledgerTransactions;
  public final long paneIndex;

  public SummaryLine(
      String transactionType,
      String currency,
      long count,
      BigDecimal total,
      BigDecimal average,
      long ledgerTransactions,
      long paneIndex) {
    this.transactionType = transactionType;
    this.currency = currency;
    this.count = count;
    this.total = total;
    this.average = average;
    this.ledgerTransactions = ledgerTransactions;
    this.paneIndex = paneIndex;
  }

  SummaryLine inPane(long index) {
    return new SummaryLine(
        transactionType, currency, count, total, average, ledgerTransactions, index);
  }

  /** Equal only with the same scale too: 10.50 is not 10.5 here, as it is not in the table. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SummaryLine s
        && transactionType.equals(s.transactionType)
        && currency.equals(s.currency)
        && count == s.count
        && total.equals(s.total)
        && Objects.equals(average, s.average)
        && ledgerTransactions == s.ledgerTransactions
        && paneIndex == s.paneIndex;
  }

  @Override
  public int hashCode() {
    return Objects.hash(transactionType, currency, count, total, ledgerTransactions, paneIndex);
  }

  @Override
  public String toString() {
    return transactionType
        + " "
        + currency
        + ": "
        + count
        + " / "
        + total
        + " / avg "
        + average
        + " (of "
        + ledgerTransactions
        + " transactions, pane "
        + paneIndex
        + ")";
  }
}
