package io.onceflow.pipelines.purchases;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * What a window's purchases add up to: count, quantity, amount ({@code Σ quantity × price}) and the
 * sum of unit prices, from which the average. The average is the one value onceflow rounds: a mean
 * of two-decimal prices has as many decimals as it likes, so {@code avg_price} keeps {@value
 * #AVG_SCALE} (numeric(18,4)), half-even; every sum is exact.
 */
@DefaultCoder(SerializableCoder.class)
public final class PurchaseSums implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final int AVG_SCALE = 4;

  public final long count;
  public final long quantity;
  public final BigDecimal amount;
  public final BigDecimal priceSum;

  public PurchaseSums(long count, long quantity, BigDecimal amount, BigDecimal priceSum) {
    this.count = count;
    this.quantity = quantity;
    this.amount = amount;
    this.priceSum = priceSum;
  }

  public static final PurchaseSums NONE =
      new PurchaseSums(0, 0, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));

  public PurchaseSums plus(Purchase p) {
    return new PurchaseSums(
        count + 1, quantity + p.quantity, amount.add(p.amount()), priceSum.add(p.price));
  }

  /** The mean unit price at {@value #AVG_SCALE} decimals, half-even; zero for no purchases. */
  public BigDecimal avgPrice() {
    if (count == 0) {
      return BigDecimal.ZERO.setScale(AVG_SCALE);
    }
    return priceSum.divide(BigDecimal.valueOf(count), AVG_SCALE, RoundingMode.HALF_EVEN);
  }
}
