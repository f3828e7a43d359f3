package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.parse.Money;
import io.onceflow.transforms.parse.UtcTimestamps;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.joda.time.Instant;

/**
 * Turns the six textual fields of a transaction, whatever format carried them, into a {@link
 * TransactionEvent}, or says precisely why it cannot. Both parsers share it, so CSV and JSON input
 * are held to the same rules.
 */
final class TransactionValidator {

  private TransactionValidator() {}

  static TransactionEvent validate(
      String eventTime,
      String processingTime,
      String txnId,
      String customerId,
      String amount,
      String status)
      throws InvalidTransactionException {
    String id = required("txn_id", txnId);
    String customer = required("customer_id", customerId);
    return new TransactionEvent(
        instant("event_time", eventTime),
        instant("processing_time", processingTime),
        id,
        customer,
        money(amount),
        status(status));
  }

  private static String required(String field, String value) throws InvalidTransactionException {
    if (value == null || value.isBlank()) {
      throw new InvalidTransactionException("missing " + field);
    }
    // strip, not trim: trim also removes control characters, which made the id "\u0000" an
    // empty one (found by TransactionsFuzzTest); strip removes exactly what isBlank ignores.
    return value.strip();
  }

  /** ISO-8601; a time without an offset is UTC. A space may stand for the 'T'. */
  static Instant instant(String field, String value) throws InvalidTransactionException {
    String text = required(field, value);
    try {
      return UtcTimestamps.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidTransactionException("unparseable " + field + " '" + text + "'");
    }
  }

  static BigDecimal money(String value) throws InvalidTransactionException {
    String text = required("amount", value);
    try {
      return Money.positive("amount", text);
    } catch (IllegalArgumentException e) {
      throw new InvalidTransactionException(e.getMessage());
    }
  }

  static String status(String value) throws InvalidTransactionException {
    String text = required("status", value).toUpperCase(Locale.ROOT);
    try {
      return TransactionStatus.valueOf(text).name();
    } catch (IllegalArgumentException e) {
      throw new InvalidTransactionException("unknown status '" + value.trim() + "'");
    }
  }
}
