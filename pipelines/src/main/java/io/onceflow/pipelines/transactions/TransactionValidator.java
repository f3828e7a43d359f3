package io.onceflow.pipelines.transactions;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.joda.time.Instant;

/**
 * Turns the six textual fields of a transaction, whatever format carried them, into a {@link
 * TransactionEvent}, or says precisely why it cannot. Both parsers share it, so CSV and JSON input
 * are held to the same rules.
 */
final class TransactionValidator {

  /** decimal(18,2): at most 16 digits before the point. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");

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
    return value.trim();
  }

  /** ISO-8601; a time without an offset is UTC. A space may stand for the 'T'. */
  static Instant instant(String field, String value) throws InvalidTransactionException {
    String text = required(field, value);
    String iso =
        text.length() > 10 && text.charAt(10) == ' '
            ? text.substring(0, 10) + 'T' + text.substring(11)
            : text;
    try {
      return new Instant(OffsetDateTime.parse(iso).toInstant().toEpochMilli());
    } catch (DateTimeParseException withoutOffset) {
      try {
        return new Instant(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli());
      } catch (DateTimeParseException e) {
        throw new InvalidTransactionException("unparseable " + field + " '" + text + "'");
      }
    }
  }

  static BigDecimal money(String value) throws InvalidTransactionException {
    String text = required("amount", value);
    BigDecimal amount;
    try {
      amount = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new InvalidTransactionException("non-numeric amount '" + text + "'");
    }
    if (amount.signum() <= 0) {
      throw new InvalidTransactionException("non-positive amount " + text);
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new InvalidTransactionException("amount " + text + " has more than 2 decimal places");
    }
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      throw new InvalidTransactionException("amount " + text + " does not fit decimal(18,2)");
    }
    return amount.setScale(2);
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
