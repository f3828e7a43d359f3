package io.onceflow.pipelines.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.onceflow.transforms.parse.StrictJson;
import io.onceflow.transforms.parse.UtcTimestamps;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.joda.time.Instant;

/**
 * Parses and validates one clickstream record: exactly one JSON object (trailing text and repeated
 * keys are rejected) with non-empty string {@code user_id} and {@code session_id}, an {@code
 * event_type} of {@link #EVENT_TYPES} and an ISO-8601 {@code timestamp} (UTC when it has no
 * offset). {@code page_url}, {@code product_id}, {@code device_type} and {@code ip_address} may be
 * absent or null (a page view has no product); when present they must be strings. Nothing is
 * trimmed or normalized: a value that is not exactly right is the reason to reject the record.
 */
public final class ClickEventJsonParser {

  public static final List<String> EVENT_TYPES = List.of("click", "page_view", "purchase");

  private ClickEventJsonParser() {}

  public static ClickEvent parse(String json) throws InvalidClickEventException {
    if (json == null) {
      throw new InvalidClickEventException("no value (a tombstone)");
    }
    JsonNode node;
    try {
      node = StrictJson.object(json);
    } catch (StrictJson.NotOneObject e) {
      throw new InvalidClickEventException(e.getMessage());
    }
    String user = required(node, "user_id");
    String session = required(node, "session_id");
    String type = required(node, "event_type");
    if (!EVENT_TYPES.contains(type)) {
      throw new InvalidClickEventException(
          "unknown event_type '" + type + "' (one of " + EVENT_TYPES + ")");
    }
    String timestamp = required(node, "timestamp");
    Instant at;
    try {
      at = UtcTimestamps.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new InvalidClickEventException("unparseable timestamp '" + timestamp + "'");
    }
    return new ClickEvent(
        user,
        session,
        type,
        optional(node, "page_url"),
        optional(node, "product_id"),
        at,
        optional(node, "device_type"),
        optional(node, "ip_address"));
  }

  private static String required(JsonNode node, String field) throws InvalidClickEventException {
    String value = optional(node, field);
    if (value == null) {
      throw new InvalidClickEventException("missing " + field);
    }
    if (value.isEmpty()) {
      throw new InvalidClickEventException("empty " + field);
    }
    return value;
  }

  /** A string field, or null when absent or null; a number, boolean or object is rejected. */
  private static String optional(JsonNode node, String field) throws InvalidClickEventException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidClickEventException(
          field + " must be a string, was " + value.getNodeType() + " " + value);
    }
    return value.asText();
  }
}
