package io.onceflow.pipelines.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionParsersTest {

  @Test
  void csvLineWithOffsetWhitespaceAndQuotes() throws Exception {
    TransactionEvent e =
        TransactionCsvParser.parse(
            " 2026-11-24T10:15:00+02:00 , \"2026-11-24 08:16:00\", \"t,1\" ,c-7, 12.5 ,success");
    assertThat(e.eventTime).isEqualTo(Instant.parse("2026-11-24T08:15:00Z"));
    assertThat(e.processingTime).isEqualTo(Instant.parse("2026-11-24T08:16:00Z"));
    assertThat(e.txnId).isEqualTo("t,1");
    assertThat(e.customerId).isEqualTo("c-7");
    assertThat(e.amount).isEqualTo(new BigDecimal("12.50"));
    assertThat(e.status).isEqualTo("SUCCESS");
    assertThat(e.isSuccess()).isTrue();
  }

  @Test
  void doubledQuoteInsideQuotedField() throws Exception {
    assertThat(
            TransactionCsvParser.parse(
                    "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,\"a\"\"b\",c,1,FAILED")
                .txnId)
        .isEqualTo("a\"b");
  }

  @Test
  void headerIsRecognised() {
    assertThat(TransactionCsvParser.isHeader(TransactionCsvParser.HEADER)).isTrue();
    assertThat(
            TransactionCsvParser.isHeader(
                "\"event_time\", processing_time,txn_id,customer_id,amount,status"))
        .isTrue();
    assertThat(TransactionCsvParser.isHeader("2026-11-24T10:00:00Z,x,t,c,1,SUCCESS")).isFalse();
  }

  @Test
  void jsonWithNumericAndStringAmounts() throws Exception {
    TransactionEvent e =
        TransactionJsonParser.parse(
            "{\"event_time\":\"2026-11-24T10:15:00Z\",\"processing_time\":\"2026-11-24T10:15:01\","
                + "\"txn_id\":\"t1\",\"customer_id\":\"c1\",\"amount\":0.1,\"status\":\"SUCCESS\"}");
    assertThat(e.amount).isEqualTo(new BigDecimal("0.10"));
    assertThat(e.processingTime).isEqualTo(Instant.parse("2026-11-24T10:15:01Z"));
    TransactionEvent s =
        TransactionJsonParser.parse(
            "{\"event_time\":\"2026-11-24T10:15:00Z\",\"processing_time\":\"2026-11-24T10:15:01Z\","
                + "\"txn_id\":\"t1\",\"customer_id\":\"c1\",\"amount\":\"1234567890123456.78\",\"status\":\"PENDING\"}");
    assertThat(s.amount).isEqualTo(new BigDecimal("1234567890123456.78"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,,c1,1.00,SUCCESS|missing txn_id",
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,t1,  ,1.00,SUCCESS|missing customer_id",
        "yesterday,2026-11-24T10:00:00Z,t1,c1,1.00,SUCCESS|unparseable event_time 'yesterday'",
        "2026-11-24T10:00:00Z,2026-13-24T10:00:00Z,t1,c1,1.00,SUCCESS|unparseable processing_time",
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,t1,c1,ten,SUCCESS|non-numeric amount 'ten'",
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,t1,c1,0,SUCCESS|non-positive amount 0",
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,t1,c1,-5.00,SUCCESS|non-positive amount -5.00",
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,t1,c1,1.001,SUCCESS|more than 2 decimal places",
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,t1,c1,99999999999999999,SUCCESS|does not fit"
            + " decimal(18,2)",
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,t1,c1,1.00,REFUSED|unknown status 'REFUSED'",
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,t1,c1,1.00|expected 6 columns, found 5",
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,\"t1,c1,1.00,SUCCESS|unterminated quote",
        "2026-11-24T10:00:00Z,2026-11-24T10:00:00Z,\"t1\"x,c1,1.00,SUCCESS|text after a closing"
            + " quote",
      })
  void everyCsvDeadLetterReason(String line, String reason) {
    assertThatThrownBy(() -> TransactionCsvParser.parse(line))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{not json|invalid JSON",
        "[1,2]|invalid JSON: not an object",
        // Exactly one object per record: neither its first part nor the last of a field given
        // twice is taken for the whole.
        "{\"txn_id\":\"t1\"} {\"txn_id\":\"t2\"}|invalid JSON: Trailing token",
        "{\"txn_id\":\"t1\",\"txn_id\":\"t2\"}|invalid JSON: Duplicate field 'txn_id'",
        "{\"event_time\":\"2026-11-24T10:00:00Z\",\"processing_time\":\"2026-11-24T10:00:00Z\",\"txn_id\":\"t\",\"customer_id\":\"c\",\"amount\":1e400,\"status\":\"SUCCESS\"}|amount"
            + " Infinity is not an exact decimal number",
        "{\"event_time\":\"2026-11-24T10:00:00Z\",\"processing_time\":\"2026-11-24T10:00:00Z\",\"customer_id\":\"c\",\"amount\":1,\"status\":\"SUCCESS\"}|missing"
            + " txn_id",
        "{\"event_time\":\"2026-11-24T10:00:00Z\",\"processing_time\":\"2026-11-24T10:00:00Z\",\"txn_id\":\"t\",\"customer_id\":\"c\",\"amount\":1.005,\"status\":\"SUCCESS\"}|more"
            + " than 2 decimal places",
        "{\"event_time\":\"2026-11-24T10:00:00Z\",\"processing_time\":\"2026-11-24T10:00:00Z\",\"txn_id\":\"t\",\"customer_id\":\"c\",\"amount\":null,\"status\":\"SUCCESS\"}|missing"
            + " amount",
      })
  void jsonDeadLetterReasons(String json, String reason) {
    assertThatThrownBy(() -> TransactionJsonParser.parse(json))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessageContaining(reason);
  }
}
