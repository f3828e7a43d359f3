package io.onceflow.pipelines.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What the messages tables must hold, recomputed from the delivered records with plain Java
 * collections: how many records are malformed (dead letters), in bronze, corrupted, valid,
 * duplicates (valid records that are not the first occurrence of their key) and too late; the
 * channel report per {@code date|channel} over the first occurrences that were in time; the user
 * report per user over all first occurrences (the global window has no lateness). Stored as {@value
 * #FILE} beside the generated records.
 */
public final class MessagesGroundTruth {

  public static final String FILE = "messages-ground-truth.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Counts by name: records, malformed, bronze, corrupted, valid, duplicates, too_late, ... */
  public final Map<String, Long> counts;

  /** Per {@code date|channel}: the row's counts as {@link #channelRow}. */
  public final Map<String, String> channelDaily;

  /** Per {@code user_id}: the row's counts as {@link #userRow}. */
  public final Map<String, String> userChannels;

  MessagesGroundTruth(
      Map<String, Long> counts,
      Map<String, String> channelDaily,
      Map<String, String> userChannels) {
    this.counts = new LinkedHashMap<>(counts);
    this.channelDaily = new TreeMap<>(channelDaily);
    this.userChannels = new TreeMap<>(userChannels);
  }

  public long count(String name) {
    Long n = counts.get(name);
    if (n == null) {
      throw new IllegalStateException("the ground truth has no count '" + name + "'");
    }
    return n;
  }

  /** A channel report row as text: the five event types and the total. */
  public static String channelRow(Map<String, Long> byType, long total) {
    StringJoiner j = new StringJoiner(" ");
    for (String type : Message.EVENT_TYPES) {
      j.add(type + "=" + byType.getOrDefault(type, 0L));
    }
    return j.add("total=" + total).toString();
  }

  /** A user report row as text: iterations and the five channels. */
  public static String userRow(long iterations, Map<String, Long> byChannel) {
    StringJoiner j = new StringJoiner(" ").add("iterations=" + iterations);
    for (String channel : Message.CHANNELS) {
      j.add(channel + "=" + byChannel.getOrDefault(channel, 0L));
    }
    return j.toString();
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("counts", counts);
    json.put("channel_daily", channelDaily);
    json.put("user_channels", userChannels);
    MAPPER.writeValue(dir.resolve(FILE).toFile(), json);
  }

  @SuppressWarnings("unchecked")
  public static MessagesGroundTruth read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          "--groundTruth: no " + FILE + " in " + dir + " (write one with onceflow generate)");
    }
    Map<String, Object> json = MAPPER.readValue(file.toFile(), Map.class);
    Map<String, Long> counts = new LinkedHashMap<>();
    ((Map<String, Number>) json.get("counts")).forEach((k, v) -> counts.put(k, v.longValue()));
    return new MessagesGroundTruth(
        counts,
        (Map<String, String>) json.get("channel_daily"),
        (Map<String, String>) json.get("user_channels"));
  }

  /** Accumulates delivered records, in delivery order, into the ground truth. */
  static final class Builder {
    private final Set<String> tooLateKeys;
    private final Map<String, Message> first = new HashMap<>();
    private long records;
    private long malformed;
    private long corrupted;
    private long valid;
    private long unknownCountry;

    /** {@code tooLateKeys}: the dedup keys the generator delivered too late for their day. */
    Builder(Set<String> tooLateKeys) {
      this.tooLateKeys = Set.copyOf(tooLateKeys);
    }

    void add(String source, String raw) {
      records++;
      Message m;
      try {
        m = MessageJsonParser.parse(source, raw);
      } catch (InvalidMessageException e) {
        malformed++;
        return;
      }
      if (!Countries.BY_ID.containsKey(m.countryId)) {
        unknownCountry++;
      }
      if (m.isCorrupted()) {
        corrupted++;
        return;
      }
      valid++;
      Comparator<Message> firstOccurrence =
          Comparator.<Message, org.joda.time.Instant>comparing(x -> x.timestamp)
              .thenComparing(ProcessMessages.CONTENT);
      first.merge(m.dedupKey(), m, (a, b) -> firstOccurrence.compare(a, b) <= 0 ? a : b);
    }

    MessagesGroundTruth build() {
      Map<String, Map<String, Long>> daily = new TreeMap<>();
      Map<Integer, Map<String, Long>> users = new TreeMap<>();
      long tooLate = 0;
      for (Message m : first.values()) {
        users.computeIfAbsent(m.userId, u -> new TreeMap<>()).merge(m.channel, 1L, Long::sum);
        if (tooLateKeys.contains(m.dedupKey())) {
          tooLate++;
        } else {
          daily
              .computeIfAbsent(m.date() + "|" + m.channel, k -> new TreeMap<>())
              .merge(m.eventType, 1L, Long::sum);
        }
      }
      Map<String, String> channelDaily = new TreeMap<>();
      daily.forEach(
          (k, byType) ->
              channelDaily.put(
                  k,
                  channelRow(byType, byType.values().stream().mapToLong(Long::longValue).sum())));
      Map<String, String> userChannels = new TreeMap<>();
      users.forEach(
          (u, byChannel) ->
              userChannels.put(
                  Integer.toString(u),
                  userRow(
                      byChannel.values().stream().mapToLong(Long::longValue).sum(), byChannel)));
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("records", records);
      counts.put("malformed", malformed);
      counts.put("bronze", records - malformed);
      counts.put("corrupted", corrupted);
      counts.put("messages", valid);
      counts.put("first_occurrences", (long) first.size());
      counts.put("duplicates", valid - first.size());
      counts.put("too_late", tooLate);
      counts.put("unknown_country", unknownCountry);
      return new MessagesGroundTruth(counts, channelDaily, userChannels);
    }
  }
}
