package io.onceflow.pipelines.purchases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurchaseJsonParserTest {

  static final String GOOD =
      "{\"transaction_id\":\"p-1\",\"customer_id\":\"c-1\",\"category\":\"Skincare\","
          + "\"brand\":\"Lumen\",\"product_name\":\"Lumen Serum\",\"quantity\":3,"
          + "\"price\":12.5,\"payment_method\":\"PayPal\",\"ts\":\"2026-03-01T10:02:03Z\"}";

  @Test
  void aValidPurchaseIsReadExactly() throws Exception {
    Purchase p = PurchaseJsonParser.parse(GOOD);

    assertThat(p.transactionId).isEqualTo("p-1");
    assertThat(p.quantity).isEqualTo(3);
    assertThat(p.price).isEqualTo(new BigDecimal("12.50"));
    assertThat(p.amount()).isEqualTo(new BigDecimal("37.50"));
    assertThat(p.paymentMethod).isEqualTo("PayPal");
    assertThat(p.ts).isEqualTo(Instant.parse("2026-03-01T10:02:03Z"));
  }

  @Test
  void aPriceAsAStringIsAcceptedToo() throws Exception {
    assertThat(PurchaseJsonParser.parse(GOOD.replace("12.5", "\"12.50\"")).price)
        .isEqualTo(new BigDecimal("12.50"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"quantity\":3|\"quantity\":0|non-positive quantity 0",
        "\"quantity\":3|\"quantity\":-2|non-positive quantity -2",
        "\"quantity\":3|\"quantity\":1.5|fractional quantity 1.5",
        "\"quantity\":3|\"quantity\":2.0|fractional quantity 2.0",
        "\"quantity\":3|\"quantity\":\"3\"|quantity must be a number",
        "\"price\":12.5|\"price\":-1.00|non-positive price -1.00",
        "\"price\":12.5|\"price\":0|non-positive price 0",
        "\"price\":12.5|\"price\":12.505|price 12.505 has more than 2 decimal places",
        "\"price\":12.5|\"price\":\"12,50\"|malformed price",
        "\"price\":12.5|\"price\":1e3|is not a plain decimal",
        "\"price\":12.5|\"price\":true|price must be a number",
        "\"ts\":\"2026-03-01T10:02:03Z\"|\"ts\":\"yesterday\"|unparseable ts",
        "\"brand\":\"Lumen\",|\"brand\":\"Lumen\",\"coupon\":\"X\",|unknown field(s) [coupon]",
        "\"brand\":\"Lumen\",|\"brand\":\"\",|empty brand",
        "\"brand\":\"Lumen\",||missing brand",
        "\"category\":\"Skincare\"|\"category\":7|category must be a string",
      })
  void aBadFieldIsRejectedWithAReasonNamingIt(String field, String replacement, String reason) {
    String json = GOOD.replace(field, replacement == null ? "" : replacement);

    assertThatThrownBy(() -> PurchaseJsonParser.parse(json))
        .isInstanceOf(InvalidPurchaseException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void somethingThatIsNotOneJsonObjectIsRejected() {
    assertThatThrownBy(() -> PurchaseJsonParser.parse(GOOD.substring(0, 40)))
        .hasMessageStartingWith("invalid JSON");
    assertThatThrownBy(() -> PurchaseJsonParser.parse("[1,2]"))
        .hasMessageStartingWith("not a JSON object");
    assertThatThrownBy(() -> PurchaseJsonParser.parse(GOOD + GOOD))
        .hasMessageStartingWith("invalid JSON");
    assertThatThrownBy(
            () ->
                PurchaseJsonParser.parse(
                    GOOD.replace("\"brand\":\"Lumen\"", "\"brand\":\"A\",\"brand\":\"B\"")))
        .hasMessageStartingWith("invalid JSON");
  }
}
