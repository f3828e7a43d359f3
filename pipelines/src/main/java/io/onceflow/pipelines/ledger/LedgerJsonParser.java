package io.onceflow.pipelines.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.onceflow.transforms.parse.Money;
import io.onceflow.transforms.parse.StrictJson;
import io.onceflow.transforms.parse.UtcTimestamps;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.joda.time.Instant;

/**
 * Parses and validates one ledger record: exactly one JSON object (trailing text and repeated keys
 * are rejected) whose seed fields are all present, non-empty strings; an {@code amount} written as
 * a plain decimal, positive, with at most two decimals, within {@code decimal(18,2)}; a known
 * {@code currency} and {@code transaction_type}; an ISO-8601 {@code timestamp} (UTC when it has no
 * offset). Then the {@link TransactionHash} of the fields as received. Nothing is trimmed,
 * normalized or rounded: a value that is not exactly right is a reason to reject the record, and
 * the reason says which.
 */
public final class LedgerJsonParser {

  public static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP");
  public static final List<String> TYPES = List.of("transfer", "payment", "withdrawal", "deposit");

  /** Digits, an optional fraction, an optional minus (so that "-5.00" is called non-positive). */
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private LedgerJsonParser() {}

  public static LedgerEntry parse(String json) throws InvalidLedgerRecordException {
    JsonNode node;
    try {
      node = StrictJson.object(json);
    } catch (StrictJson.NotOneObject e) {
      throw new InvalidLedgerRecordException(e.getMessage());
    }
    String id = text(node, "transaction_id");
    String from = text(node, "account_from");
    String to = text(node, "account_to");
    String amountText = text(node, "amount");
    String currency = text(node, "currency");
    String type = text(node, "transaction_type");
    String timestamp = text(node, "timestamp");
    BigDecimal amount = amount(amountText);
    if (!CURRENCIES.contains(currency)) {
      throw new InvalidLedgerRecordException(
          "unknown currency '" + currency + "' (one of " + CURRENCIES + ")");
    }
    if (!TYPES.contains(type)) {
      throw new InvalidLedgerRecordException(
          "unknown transaction_type '" + type + "' (one of " + TYPES + ")");
    }
    Instant eventTimestamp;
    try {
      eventTimestamp = UtcTimestamps.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new InvalidLedgerRecordException("unparseable timestamp '" + timestamp + "'");
    }
    return new LedgerEntry(
        id,
        from,
        to,
        amountText,
        amount,
        currency,
        type,
        eventTimestamp,
        TransactionHash.of(id, from, to, amountText, currency));
  }

  /** A present, non-empty string field; a number, boolean or object there is rejected. */
  private static String text(JsonNode node, String field) throws InvalidLedgerRecordException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidLedgerRecordException("missing " + field);
    }
    if (!value.isTextual()) {
      throw new InvalidLedgerRecordException(
          field + " must be a string, was " + value.getNodeType() + " " + value);
    }
    if (value.asText().isEmpty()) {
      throw new InvalidLedgerRecordException("empty " + field);
    }
    return value.asText();
  }

  private static BigDecimal amount(String text) throws InvalidLedgerRecordException {
    if (!PLAIN_DECIMAL.matcher(text).matches()) {
      throw new InvalidLedgerRecordException(
          "malformed amount '" + text + "' (digits, optionally a point and decimals)");
    }
    try {
      return Money.positive("amount", text);
    } catch (IllegalArgumentException e) {
      throw new InvalidLedgerRecordException(e.getMessage());
    }
  }
}
