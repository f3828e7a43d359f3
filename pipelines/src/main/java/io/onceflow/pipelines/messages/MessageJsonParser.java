package io.onceflow.pipelines.messages;

import com.fasterxml.jackson.databind.JsonNode;
import io.onceflow.transforms.parse.StrictJson;
import io.onceflow.transforms.parse.UtcTimestamps;
import java.time.format.DateTimeParseException;
import org.joda.time.Instant;

/**
 * Parses one message record: exactly one JSON object (trailing text and repeated keys rejected)
 * with the seed's fields: {@code timestamp} (ISO-8601, UTC when it has no offset), {@code value},
 * {@code message_id} and {@code channel} non-empty strings (the channel one of {@link
 * Message#CHANNELS}), {@code country_id} and {@code user_id} integers, and {@code event_type} one
 * of {@link Message#EVENT_TYPES} — or null, missing, empty or {@code NONE}, which is not a reason
 * to reject the record but the mark of a corrupted event (it goes to {@code messages_corrupted}, as
 * in the notebook). Any other event type is rejected: it is neither a known event nor the
 * producer's known corruption. Nothing is trimmed or normalized.
 */
public final class MessageJsonParser {

  private MessageJsonParser() {}

  /** The message read from {@code source}. */
  public static Message parse(String source, String json) throws InvalidMessageException {
    JsonNode node;
    try {
      node = StrictJson.object(json);
    } catch (StrictJson.NotOneObject e) {
      throw new InvalidMessageException(e.getMessage());
    }
    String timestamp = text(node, "timestamp");
    String value = text(node, "value");
    String messageId = text(node, "message_id");
    String channel = text(node, "channel");
    int countryId = integer(node, "country_id");
    int userId = integer(node, "user_id");
    String eventType = eventType(node);
    if (!Message.CHANNELS.contains(channel)) {
      throw new InvalidMessageException(
          "unknown channel '" + channel + "' (one of " + Message.CHANNELS + ")");
    }
    Instant time;
    try {
      time = UtcTimestamps.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new InvalidMessageException("unparseable timestamp '" + timestamp + "'");
    }
    return new Message(source, time, value, eventType, messageId, channel, countryId, userId);
  }

  /** The event type, or null when it is missing or null (a corrupted event). */
  private static String eventType(JsonNode node) throws InvalidMessageException {
    JsonNode value = node.get("event_type");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidMessageException(
          "event_type must be a string or null, was " + value.getNodeType() + " " + value);
    }
    String type = value.asText();
    if (!Message.EVENT_TYPES.contains(type) && !Message.CORRUPTED_TYPES.contains(type)) {
      throw new InvalidMessageException(
          "unknown event_type '"
              + type
              + "' (one of "
              + Message.EVENT_TYPES
              + ", or null, empty or NONE for a corrupted event)");
    }
    return type;
  }

  private static String text(JsonNode node, String field) throws InvalidMessageException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidMessageException("missing " + field);
    }
    if (!value.isTextual()) {
      throw new InvalidMessageException(
          field + " must be a string, was " + value.getNodeType() + " " + value);
    }
    if (value.asText().isEmpty()) {
      throw new InvalidMessageException("empty " + field);
    }
    return value.asText();
  }

  private static int integer(JsonNode node, String field) throws InvalidMessageException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidMessageException("missing " + field);
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new InvalidMessageException(
          field + " must be an integer, was " + value.getNodeType() + " " + value);
    }
    return value.intValue();
  }
}
