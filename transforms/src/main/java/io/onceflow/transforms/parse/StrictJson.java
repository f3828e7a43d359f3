package io.onceflow.transforms.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * How every pipeline reads a JSON record: exactly one object, nothing after it, no field given
 * twice, and numbers kept as written (a decimal, never a double that "1e400" would make infinite).
 * Whatever breaks one of these is a {@link NotOneObject} whose message is the reason a dead letter
 * gives.
 */
public final class StrictJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private StrictJson() {}

  /** A record that is not exactly one JSON object; the message says why. */
  public static final class NotOneObject extends Exception {
    private static final long serialVersionUID = 1L;

    NotOneObject(String reason) {
      super(reason);
    }
  }

  /** The one object {@code json} holds. */
  public static JsonNode object(String json) throws NotOneObject {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new NotOneObject("invalid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new NotOneObject(
          "not a JSON object: "
              + (node == null || node.isMissingNode() ? "empty" : node.getNodeType()));
    }
    return node;
  }
}
