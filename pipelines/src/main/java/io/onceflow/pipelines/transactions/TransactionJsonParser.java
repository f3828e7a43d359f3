package io.onceflow.pipelines.transactions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses one JSON object with the seed's fields. {@code amount} may be a JSON number or a string;
 * it is read as decimal text, never through {@code double}. A record is exactly one object: text
 * after it (a second object) or a field given twice is invalid, not read as its first part or its
 * last value.
 */
public final class TransactionJsonParser {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private TransactionJsonParser() {}

  public static TransactionEvent parse(String json) throws InvalidTransactionException {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidTransactionException("invalid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidTransactionException("invalid JSON: not an object");
    }
    return TransactionValidator.validate(
        text(node, "event_time"),
        text(node, "processing_time"),
        text(node, "txn_id"),
        text(node, "customer_id"),
        text(node, "amount"),
        text(node, "status"));
  }

  private static String text(JsonNode node, String field) throws InvalidTransactionException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber() && !value.isBigDecimal() && !value.isIntegralNumber()) {
      // Jackson fell back to a double (an exponent beyond its decimals, e.g. 1e400): not the
      // number that was written, so not one to count.
      throw new InvalidTransactionException(
          field + " " + value.asText() + " is not an exact decimal number");
    }
    return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
  }
}
