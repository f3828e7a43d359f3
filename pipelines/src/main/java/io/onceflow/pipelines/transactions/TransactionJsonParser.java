package io.onceflow.pipelines.transactions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses one JSON object with the seed's fields. {@code amount} may be a JSON number or a string;
 * it is read as decimal text, never through {@code double}.
 */
public final class TransactionJsonParser {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

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

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
  }
}
