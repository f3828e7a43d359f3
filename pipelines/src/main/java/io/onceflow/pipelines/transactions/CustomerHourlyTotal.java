package io.onceflow.pipelines.transactions;

import java.math.BigDecimal;
import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.joda.time.Instant;

/** One pane of one customer's window: the accumulated total so far and which pane it is. */
@DefaultSchema(JavaFieldSchema.class)
public final class CustomerHourlyTotal {

  public final Instant windowStart;
  public final Instant windowEnd;
  public final String customerId;
  public final BigDecimal totalAmount;
  public final long txnCount;
  public final long paneIndex;

  /** EARLY, ON_TIME, LATE or UNKNOWN, as Beam's {@code PaneInfo.Timing}. */
  public final String paneTiming;

  public final boolean isFinal;

  @SchemaCreate
  public CustomerHourlyTotal(
      Instant windowStart,
      Instant windowEnd,
      String customerId,
      BigDecimal totalAmount,
      long txnCount,
      long paneIndex,
      String paneTiming,
      boolean isFinal) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.customerId = customerId;
    this.totalAmount = totalAmount;
    this.txnCount = txnCount;
    this.paneIndex = paneIndex;
    this.paneTiming = paneTiming;
    this.isFinal = isFinal;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CustomerHourlyTotal)) {
      return false;
    }
    CustomerHourlyTotal t = (CustomerHourlyTotal) o;
    return windowStart.equals(t.windowStart)
        && windowEnd.equals(t.windowEnd)
        && customerId.equals(t.customerId)
        && totalAmount.compareTo(t.totalAmount) == 0
        && txnCount == t.txnCount
        && paneIndex == t.paneIndex
        && paneTiming.equals(t.paneTiming)
        && isFinal == t.isFinal;
  }

  @Override
  public int hashCode() {
    return Objects.hash(windowStart, customerId, txnCount, paneIndex);
  }

  @Override
  public String toString() {
    return customerId
        + "@"
        + windowStart
        + " total="
        + totalAmount
        + " count="
        + txnCount
        + " pane="
        + paneIndex
        + "/"
        + paneTiming
        + (isFinal ? "/final" : "");
  }
}
