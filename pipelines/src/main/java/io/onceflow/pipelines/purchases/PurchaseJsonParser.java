package io.onceflow.pipelines.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import io.onceflow.transforms.parse.Money;
import io.onceflow.transforms.parse.StrictJson;
import io.onceflow.transforms.parse.UtcTimestamps;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.joda.time.Instant;

/**
 * Parses and validates one purchase event: exactly one JSON object with the seed's fields and no
 * others (an unknown field is a producer this pipeline does not understand, so the record is
 * rejected rather than half-read); text fields present and non-empty; {@code quantity} a whole
 * positive JSON number (a fraction, even {@code 2.0}, is rejected: it says the producer computes
 * quantities in floating point); {@code price} a positive plain decimal (JSON number or string)
 * with at most two decimals, within {@code decimal(18,2)}; {@code ts} an ISO-8601 time (UTC when it
 * has no offset). Nothing is trimmed or rounded; the reason says what is wrong.
 */
public final class PurchaseJsonParser {

  public static final List<String> FIELDS =
      List.of(
          "transaction_id",
          "customer_id",
          "category",
          "brand",
          "product_name",
          "quantity",
          "price",
          "payment_method",
          "ts");

  private static final Set<String> KNOWN = Set.copyOf(FIELDS);

  /** The largest quantity of one purchase; more is a producer's error, not a purchase. */
  public static final long MAX_QUANTITY = 1_000_000;

  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private PurchaseJsonParser() {}

  public static Purchase parse(String json) throws InvalidPurchaseException {
    JsonNode node;
    try {
      node = StrictJson.object(json);
    } catch (StrictJson.NotOneObject e) {
      throw new InvalidPurchaseException(e.getMessage());
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KNOWN.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidPurchaseException(
          "unknown field(s) " + unknown + " (known: " + FIELDS + ")");
    }
    String ts = text(node, "ts");
    Instant eventTime;
    try {
      eventTime = UtcTimestamps.parse(ts);
    } catch (DateTimeParseException e) {
      throw new InvalidPurchaseException("unparseable ts '" + ts + "'");
    }
    return new Purchase(
        text(node, "transaction_id"),
        text(node, "customer_id"),
        text(node, "category"),
        text(node, "brand"),
        text(node, "product_name"),
        quantity(node),
        price(node),
        text(node, "payment_method"),
        eventTime);
  }

  private static String text(JsonNode node, String field) throws InvalidPurchaseException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidPurchaseException("missing " + field);
    }
    if (!value.isTextual()) {
      throw new InvalidPurchaseException(
          field + " must be a string, was " + value.getNodeType() + " " + value);
    }
    if (value.asText().isEmpty()) {
      throw new InvalidPurchaseException("empty " + field);
    }
    return value.asText();
  }

  private static long quantity(JsonNode node) throws InvalidPurchaseException {
    JsonNode value = node.get("quantity");
    if (value == null || value.isNull()) {
      throw new InvalidPurchaseException("missing quantity");
    }
    if (!value.isNumber()) {
      throw new InvalidPurchaseException(
          "quantity must be a number, was " + value.getNodeType() + " " + value);
    }
    if (!value.isIntegralNumber()) {
      throw new InvalidPurchaseException("fractional quantity " + value.asText());
    }
    if (value.bigIntegerValue().signum() <= 0) {
      throw new InvalidPurchaseException("non-positive quantity " + value.asText());
    }
    if (value.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(MAX_QUANTITY)) > 0) {
      throw new InvalidPurchaseException(
          "quantity " + value.asText() + " is more than " + MAX_QUANTITY);
    }
    return value.longValue();
  }

  private static BigDecimal price(JsonNode node) throws InvalidPurchaseException {
    JsonNode value = node.get("price");
    if (value == null || value.isNull()) {
      throw new InvalidPurchaseException("missing price");
    }
    String text;
    if (value.isNumber()) {
      if (value.asText().contains("e") || value.asText().contains("E")) {
        throw new InvalidPurchaseException("price " + value.asText() + " is not a plain decimal");
      }
      text = value.asText();
    } else if (value.isTextual()) {
      text = value.asText();
    } else {
      throw new InvalidPurchaseException(
          "price must be a number, was " + value.getNodeType() + " " + value);
    }
    if (!PLAIN_DECIMAL.matcher(text).matches()) {
      throw new InvalidPurchaseException(
          "malformed price '" + text + "' (digits, optionally a point and decimals)");
    }
    try {
      return Money.positive("price", text);
    } catch (IllegalArgumentException e) {
      throw new InvalidPurchaseException(e.getMessage());
    }
  }
}
