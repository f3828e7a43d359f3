package io.onceflow.pipelines.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.joda.time.Instant;

/**
 * The notebook's producer (SEEDS §3), record by record: {@code event_type} uniform over OPEN,
 * RECEIVED, SENT, CREATED, CLICKED, '' and NONE; {@code message_id} from a pool of 50 UUIDs (fixed
 * by the seed); {@code channel} uniform over the five; {@code country_id} 2000..2015; {@code
 * user_id} 1000..1050; {@code value} the record's index as a string. Record {@code index} of a seed
 * depends on nothing else, so the rate source ({@code --source=rate}) and the generator make the
 * same records.
 */
public final class MessageRecords {

  /** The producer's event types, corrupted ones included, in the notebook's order. */
  public static final List<String> PRODUCED_TYPES =
      List.of("OPEN", "RECEIVED", "SENT", "CREATED", "CLICKED", "", "NONE");

  public static final int MESSAGE_IDS = 50;
  public static final int FIRST_COUNTRY = 2000;
  public static final int COUNTRIES = 16;
  public static final int FIRST_USER = 1000;
  public static final int USERS = 51;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MessageRecords() {}

  /** The pool of message ids of {@code seed}. */
  public static List<String> messageIds(long seed) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MESSAGE_IDS; i++) {
      ids.add(
          UUID.nameUUIDFromBytes(("message-" + seed + "-" + i).getBytes(StandardCharsets.UTF_8))
              .toString());
    }
    return ids;
  }

  /** The random stream of record {@code index} of {@code seed}. */
  public static SplittableRandom random(long seed, long index) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
  }

  /** The fields of one record, before they are written as JSON. */
  public record Fields(
      Instant at,
      String value,
      String eventType,
      String messageId,
      String channel,
      int countryId,
      int userId) {

    public String json() {
      return MessageRecords.json(at, value, eventType, messageId, channel, countryId, userId);
    }
  }

  /** The fields of record {@code index} of {@code seed}, at {@code at}. */
  public static Fields fields(long seed, long index, Instant at) {
    SplittableRandom r = random(seed, index);
    return new Fields(
        at,
        Long.toString(index),
        PRODUCED_TYPES.get(r.nextInt(PRODUCED_TYPES.size())),
        messageIds(seed).get(r.nextInt(MESSAGE_IDS)),
        Message.CHANNELS.get(r.nextInt(Message.CHANNELS.size())),
        FIRST_COUNTRY + r.nextInt(COUNTRIES),
        FIRST_USER + r.nextInt(USERS));
  }

  /** Record {@code index} of {@code seed}, at {@code at}, as the producer writes it. */
  public static String at(long seed, long index, Instant at) {
    return fields(seed, index, at).json();
  }

  /** One record as JSON; a null {@code eventType} is written as JSON null. */
  public static String json(
      Instant at,
      String value,
      String eventType,
      String messageId,
      String channel,
      int countryId,
      int userId) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("timestamp", at.toString());
    node.put("value", value);
    node.put("event_type", eventType);
    node.put("message_id", messageId);
    node.put("channel", channel);
    node.put("country_id", countryId);
    node.put("user_id", userId);
    return node.toString();
  }
}
