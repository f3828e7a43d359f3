package io.onceflow.pipelines.messages;

import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;
import org.joda.time.format.DateTimeFormatter;
import org.joda.time.format.ISODateTimeFormat;

/**
 * A parsed message event (SEEDS §3): the seed's fields with types, the event time as a UTC instant,
 * and {@code source}, the position the record was read from (the bronze table's key, so a replay of
 * the same position adds nothing). {@code eventType} is null, empty or {@code NONE} on a corrupted
 * event ({@link #isCorrupted}), else one of {@link #EVENT_TYPES}. Two messages are equal when every
 * field is.
 */
@DefaultCoder(MessageCoder.class)
public final class Message implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** The valid event types, in the order of the channel report's columns. */
  public static final List<String> EVENT_TYPES =
      List.of("CLICKED", "CREATED", "OPEN", "RECEIVED", "SENT");

  /** The event types that mark an event corrupted ({@code null} is the third). */
  public static final List<String> CORRUPTED_TYPES = List.of("", "NONE");

  /** The channels, in the order of the user report's columns. */
  public static final List<String> CHANNELS = List.of("CHAT", "EMAIL", "OTHER", "PUSH", "SMS");

  private static final DateTimeFormatter DATE = ISODateTimeFormat.date().withZoneUTC();

  public final String source;
  public final Instant timestamp;
  public final String value;
  public final String eventType;
  public final String messageId;
  public final String channel;
  public final int countryId;
  public final int userId;

  public Message(
      String source,
      Instant timestamp,
      String value,
      String eventType,
      String messageId,
      String channel,
      int countryId,
      int userId) {
    this.source = source;
    this.timestamp = timestamp;
    this.value = value;
    this.eventType = eventType;
    this.messageId = messageId;
    this.channel = channel;
    this.countryId = countryId;
    this.userId = userId;
  }

  /** event_type null, empty or NONE: the notebook's {@code messages_corrupted}. */
  public boolean isCorrupted() {
    return eventType == null || CORRUPTED_TYPES.contains(eventType);
  }

  /** The silver tables' partition: yyyy-MM-dd of {@code timestamp} in UTC. */
  public String date() {
    return DATE.print(timestamp);
  }

  /** The gold dedup key: {@code (message_id, event_type, channel)}. */
  public String dedupKey() {
    return messageId + "|" + eventType + "|" + channel;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m
        && source.equals(m.source)
        && timestamp.equals(m.timestamp)
        && value.equals(m.value)
        && Objects.equals(eventType, m.eventType)
        && messageId.equals(m.messageId)
        && channel.equals(m.channel)
        && countryId == m.countryId
        && userId == m.userId;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, timestamp, messageId, eventType, channel);
  }

  @Override
  public String toString() {
    return source
        + "{"
        + timestamp
        + " "
        + messageId
        + " "
        + eventType
        + " "
        + channel
        + " user "
        + userId
        + " country "
        + countryId
        + " value "
        + value
        + "}";
  }
}
