package io.onceflow.pipelines.purchases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;

/**
 * One purchase event as the seed describes it (SEEDS §5): a product bought {@code quantity} times
 * at {@code price}, at event time {@code ts} (UTC). Money is exact: {@link #amount()} is {@code
 * quantity × price} with the price's two decimals.
 */
@DefaultCoder(PurchaseCoder.class)
public final class Purchase {

  public final String transactionId;
  public final String customerId;
  public final String category;
  public final String brand;
  public final String productName;
  public final long quantity;
  public final BigDecimal price;
  public final String paymentMethod;
  public final Instant ts;

  public Purchase(
      String transactionId,
      String customerId,
      String category,
      String brand,
      String productName,
      long quantity,
      BigDecimal price,
      String paymentMethod,
      Instant ts) {
    this.transactionId = transactionId;
    this.customerId = customerId;
    this.category = category;
    this.brand = brand;
    this.productName = productName;
    this.quantity = quantity;
    this.price = price.setScale(2, RoundingMode.UNNECESSARY);
    this.paymentMethod = paymentMethod;
    this.ts = ts;
  }

  /** {@code quantity × price}, two decimals. */
  public BigDecimal amount() {
    return price.multiply(BigDecimal.valueOf(quantity));
  }

  /** The window group: {@code category} and {@code payment_method}. */
  public String group() {
    return category + "\u0000" + paymentMethod;
  }

  /** Every field, so that two versions of one transaction_id compare by content. */
  public String content() {
    return String.join(
        "\u0000",
        transactionId,
        customerId,
        category,
        brand,
        productName,
        Long.toString(quantity),
        price.toPlainString(),
        paymentMethod,
        Long.toString(ts.getMillis()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Purchase p && p.content().equals(content());
  }

  @Override
  public int hashCode() {
    return Objects.hash(content());
  }

  @Override
  public String toString() {
    return "Purchase{" + content().replace('\u0000', '|') + "}";
  }
}
