package io.onceflow.pipelines.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LedgerJsonParserTest {

  static final String VALID =
      "{\"transaction_id\":\"TXN00000001\",\"account_from\":\"ACC1000\",\"account_to\":\"ACC2000\","
          + "\"amount\":\"10.5\",\"currency\":\"USD\",\"transaction_type\":\"payment\","
          + "\"timestamp\":\"2026-11-24T10:00:00Z\"}";

  @Test
  void parsesTheSeedsFieldsAndHashesTheAmountAsReceived() throws Exception {
    LedgerEntry e = LedgerJsonParser.parse(VALID);

    assertThat(e.transactionId).isEqualTo("TXN00000001");
    assertThat(e.accountFrom).isEqualTo("ACC1000");
    assertThat(e.accountTo).isEqualTo("ACC2000");
    assertThat(e.amountText).isEqualTo("10.5");
    assertThat(e.amount).isEqualTo(new BigDecimal("10.50"));
    assertThat(e.currency).isEqualTo("USD");
    assertThat(e.transactionType).isEqualTo("payment");
    assertThat(e.eventTimestamp).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    assertThat(e.transactionHash).isEqualTo(LedgerScenarios.HASH_10_5);
    assertThat(LedgerJsonParser.parse(VALID.replace("\"10.5\"", "\"10.50\"")).transactionHash)
        .isEqualTo(LedgerScenarios.HASH_10_50);
  }

  @Test
  void aTimestampWithoutOffsetIsUtcAndAnOffsetIsApplied() throws Exception {
    assertThat(
            LedgerJsonParser.parse(VALID.replace("2026-11-24T10:00:00Z", "2026-11-24T10:00:00.5"))
                .eventTimestamp)
        .isEqualTo(Instant.parse("2026-11-24T10:00:00.500Z"));
    assertThat(
            LedgerJsonParser.parse(
                    VALID.replace("2026-11-24T10:00:00Z", "2026-11-24T10:00:00+02:00"))
                .eventTimestamp)
        .isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
  }

  @Test
  void theLargestDecimal182IsAcceptedAndOneCentMoreIsNot() throws Exception {
    assertThat(LedgerJsonParser.parse(VALID.replace("10.5", "9999999999999999.99")).amount)
        .isEqualTo(new BigDecimal("9999999999999999.99"));
    assertThatThrownBy(() -> LedgerJsonParser.parse(VALID.replace("10.5", "10000000000000000.00")))
        .hasMessage("amount 10000000000000000.00 does not fit decimal(18,2)");
  }

  /** Each line: what replaces the valid record's text (a regular expression), with what, why. */
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "\"amount\":\"10.5\",|                              |missing amount",
        "\"10.5\"|10.5|amount must be a string, was NUMBER 10.5",
        "\"10.5\"|null|missing amount",
        "\"10.5\"|\"\"|empty amount",
        "\"10.5\"|\"12.3.4\"|malformed amount '12.3.4' (digits, optionally a point and decimals)",
        "\"10.5\"|\"1e3\"|malformed amount '1e3' (digits, optionally a point and decimals)",
        "\"10.5\"|\" 10.5\"|malformed amount ' 10.5' (digits, optionally a point and decimals)",
        "\"10.5\"|\"10.005\"|amount 10.005 has more than 2 decimal places",
        "\"10.5\"|\"0.00\"|non-positive amount 0.00",
        "\"10.5\"|\"-25.00\"|non-positive amount -25.00",
        "\"USD\"|\"JPY\"|unknown currency 'JPY' (one of [USD, EUR, GBP])",
        "\"USD\"|\"usd\"|unknown currency 'usd' (one of [USD, EUR, GBP])",
        "\"payment\"|\"refund\"|unknown transaction_type 'refund' (one of [transfer, payment,"
            + " withdrawal, deposit])",
        "\"2026-11-24T10:00:00Z\"|\"yesterday\"|unparseable timestamp 'yesterday'",
        "\"ACC1000\"|7|account_from must be a string, was NUMBER 7",
        "\"TXN00000001\"|{}|transaction_id must be a string, was OBJECT {}",
        "^.*$|[1]|not a JSON object: ARRAY",
        "^.*$|\"TXN\"|not a JSON object: STRING",
        "^.*$|``|not a JSON object: empty",
      })
  void rejectsWithTheReason(String replaced, String with, String reason) {
    String record =
        VALID.replaceFirst(
            replaced.startsWith("^") ? replaced : quote(replaced), with == null ? "" : with);
    assertThatThrownBy(() -> LedgerJsonParser.parse(record))
        .as(record)
        .isInstanceOf(InvalidLedgerRecordException.class)
        .hasMessage(reason);
  }

  @Test
  void aLineThatIsNotExactlyOneObjectIsRejected() {
    assertThatThrownBy(() -> LedgerJsonParser.parse(VALID + " {}"))
        .isInstanceOf(InvalidLedgerRecordException.class)
        .hasMessageStartingWith("invalid JSON: Trailing token");
    assertThatThrownBy(() -> LedgerJsonParser.parse(VALID.replace("}", ",\"amount\":\"99.00\"}")))
        .isInstanceOf(InvalidLedgerRecordException.class)
        .hasMessageStartingWith("invalid JSON: Duplicate field 'amount'");
    assertThatThrownBy(() -> LedgerJsonParser.parse("{\"transaction_id\":"))
        .isInstanceOf(InvalidLedgerRecordException.class)
        .hasMessageStartingWith("invalid JSON:");
  }

  private static String quote(String s) {
    return java.util.regex.Pattern.quote(s);
  }
}
