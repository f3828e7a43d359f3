package io.onceflow.transforms.parse;

import java.math.BigDecimal;

/**
 * Money as every pipeline's parser reads it: a decimal text into a positive {@code decimal(18,2)}
 * {@link BigDecimal} of scale 2, or an {@link IllegalArgumentException} that says what is wrong.
 * Never rounded: a value with more than two decimals is rejected, not cut.
 */
public final class Money {

  /** decimal(18,2): at most 16 digits before the point. */
  public static final BigDecimal MAX = new BigDecimal("9999999999999999.99");

  private Money() {}

  /**
   * {@code text} (already known to be present) as an amount of scale 2; {@code field} names it in
   * the message: non-numeric, non-positive, more than 2 decimal places, or beyond decimal(18,2).
   */
  public static BigDecimal positive(String field, String text) {
    BigDecimal amount;
    try {
      amount = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("non-numeric " + field + " '" + text + "'");
    }
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("non-positive " + field + " " + text);
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException(field + " " + text + " has more than 2 decimal places");
    }
    if (amount.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(field + " " + text + " does not fit decimal(18,2)");
    }
    return amount.setScale(2);
  }

  /**
   * Why a computed amount (a sum) cannot be stored in a {@code decimal(18,2)} column, or null when
   * it can: more than 16 digits before the point, or more than 2 after it.
   */
  public static String unstorable(String column, BigDecimal amount) {
    if (amount.abs().compareTo(MAX) <= 0 && amount.stripTrailingZeros().scale() <= 2) {
      return null;
    }
    return column + " " + amount.toPlainString() + " does not fit decimal(18,2)";
  }
}
