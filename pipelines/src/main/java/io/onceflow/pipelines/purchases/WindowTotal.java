package io.onceflow.pipelines.purchases;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/** One pane of one 5-minute window of one {@code (category, payment_method)}. */
@DefaultCoder(SerializableCoder.class)
public final class WindowTotal implements Serializable {

  private static final long serialVersionUID = 1L;

  public final Instant windowStart;
  public final Instant windowEnd;
  public final String category;
  public final String paymentMethod;

  /** Mean unit price of the window's purchases, {@link PurchaseSums#AVG_SCALE} decimals. */
  public final BigDecimal avgPrice;

  public final long totalQuantity;
  public final BigDecimal totalAmount;
  public final long purchaseCount;
  public final long paneIndex;
  public final String paneTiming;
  public final boolean isFinal;

  public WindowTotal(
      Instant windowStart,
      Instant windowEnd,
      String category,
      String paymentMethod,
      BigDecimal avgPrice,
      long totalQuantity,
      BigDecimal totalAmount,
      long purchaseCount,
      long paneIndex,
      String paneTiming,
      boolean isFinal) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.category = category;
    this.paymentMethod = paymentMethod;
    this.avgPrice = avgPrice;
    this.totalQuantity = totalQuantity;
    this.totalAmount = totalAmount;
    this.purchaseCount = purchaseCount;
    this.paneIndex = paneIndex;
    this.paneTiming = paneTiming;
    this.isFinal = isFinal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WindowTotal t
        && t.windowStart.equals(windowStart)
        && t.windowEnd.equals(windowEnd)
        && t.category.equals(category)
        && t.paymentMethod.equals(paymentMethod)
        && t.avgPrice.equals(avgPrice)
        && t.totalQuantity == totalQuantity
        && t.totalAmount.equals(totalAmount)
        && t.purchaseCount == purchaseCount
        && t.paneIndex == paneIndex
        && t.paneTiming.equals(paneTiming)
        && t.isFinal == isFinal;
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStart, category, paymentMethod, totalAmount, paneIndex, isFinal);
  }

  @Override
  public String toString() {
    return windowStart
        + " "
        + category
        + "/"
        + paymentMethod
        + " avg="
        + avgPrice
        + " qty="
        + totalQuantity
        + " amount="
        + totalAmount
        + " n="
        + purchaseCount
        + " pane="
        + paneIndex
        + " "
        + paneTiming
        + (isFinal ? " final" : "");
  }
}
