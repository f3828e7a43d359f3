package io.onceflow.pipelines.messages;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Synthetic message records: the notebook producer's records ({@link MessageRecords}, the same as
 * the rate source's for the seed), spread evenly over the span, plus what a real feed adds — late
 * deliveries (up to 30 minutes, within the lateness), exact duplicates, earlier twins delivered
 * after the record they precede (the first occurrence arriving last), a few event types written as
 * JSON null (a third corruption besides '' and NONE), country ids the reference lacks, records too
 * late for their day (delivered last, a day and a half older than the stream, each with a dedup key
 * of its own so that whether it counts depends on nothing else), and malformed records of every
 * kind the parser rejects. Records are delivered in order of their delivery time, ties in the order
 * made. The ground truth is computed from the delivered records ({@link
 * MessagesGroundTruth.Builder}).
 */
final class MessagesGenerator {

  static final String DEFAULT_START = "2026-01-01T00:00:00Z";
  static final int UNKNOWN_COUNTRY = 2099;

  /** A record to deliver: its Kafka key (the message id, null for garbage) and its text. */
  record Line(String key, String value) {}

  record Generated(List<Line> records, MessagesGroundTruth truth) {}

  private record Delivery(long at, long order, Line line) {}

  private final GenerateMessagesOptions o;
  private final SplittableRandom random;
  private final List<Delivery> deliveries = new ArrayList<>();
  private final Set<String> usedKeys = new HashSet<>();

  private MessagesGenerator(GenerateMessagesOptions o) {
    this.o = o;
    this.random = new SplittableRandom(o.getSeed() ^ 0x5DEECE66DL);
  }

  static Generated generate(GenerateMessagesOptions options) {
    check(options);
    return new MessagesGenerator(options).generate();
  }

  static void check(GenerateMessagesOptions o) {
    if (o.getCount() < 1) {
      throw new IllegalArgumentException("--count must be at least 1, was " + o.getCount());
    }
    if (o.getSpanHours() < 48) {
      throw new IllegalArgumentException(
          "--spanHours must be at least 48 (a too-late record's day must have closed when it"
              + " arrives), was "
              + o.getSpanHours());
    }
    if (o.getFiles() < 1) {
      throw new IllegalArgumentException("--files must be at least 1, was " + o.getFiles());
    }
    fraction(o.getLateFraction(), "--lateFraction");
    fraction(o.getDuplicateFraction(), "--duplicateFraction");
    fraction(o.getEarlierTwinFraction(), "--earlierTwinFraction");
    fraction(o.getTooLateFraction(), "--tooLateFraction");
    fraction(o.getUnknownCountryFraction(), "--unknownCountryFraction");
    fraction(o.getMalformedFraction(), "--malformedFraction");
    start(o);
    if (!List.of("files", "kafka").contains(o.getTo())) {
      throw new IllegalArgumentException("--to must be files or kafka, was '" + o.getTo() + "'");
    }
    if (o.getTo().equals("kafka")) {
      if (o.getBootstrapServers() == null || o.getBootstrapServers().isBlank()) {
        throw new IllegalArgumentException("--bootstrapServers is required with --to=kafka");
      }
      if (o.getTopic() == null || o.getTopic().isBlank()) {
        throw new IllegalArgumentException("--topic is required with --to=kafka");
      }
    }
  }

  private static Instant start(GenerateMessagesOptions o) {
    try {
      return new Instant(java.time.Instant.parse(o.getStart()).toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--start must be an ISO-8601 UTC instant such as "
              + DEFAULT_START
              + ", was '"
              + o.getStart()
              + "'");
    }
  }

  private static void fraction(double value, String option) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(option + " must be between 0 and 1, was " + value);
    }
  }

  private Generated generate() {
    Instant start = start(o);
    long spanMillis = Duration.standardHours(o.getSpanHours()).getMillis();
    List<MessageRecords.Fields> produced = new ArrayList<>();
    for (int i = 0; i < o.getCount(); i++) {
      Instant at = start.plus(Duration.millis(spanMillis * i / o.getCount()));
      MessageRecords.Fields f = MessageRecords.fields(o.getSeed(), i, at);
      if (random.nextDouble() < o.getUnknownCountryFraction()) {
        f = with(f, f.eventType(), UNKNOWN_COUNTRY);
      }
      if ("".equals(f.eventType()) && random.nextInt(3) == 0) {
        f = with(f, null, f.countryId());
      }
      produced.add(f);
      long delay =
          random.nextDouble() < o.getLateFraction()
              ? 1000 + random.nextLong(Duration.standardMinutes(30).getMillis())
              : 0;
      deliver(at.getMillis() + delay, f);
    }
    for (int i = 0; i < Math.round(o.getCount() * o.getDuplicateFraction()); i++) {
      MessageRecords.Fields f = produced.get(random.nextInt(produced.size()));
      deliver(
          f.at().getMillis() + 1000 + random.nextLong(Duration.standardMinutes(10).getMillis()), f);
    }
    for (int i = 0; i < Math.round(o.getCount() * o.getEarlierTwinFraction()); i++) {
      MessageRecords.Fields f = produced.get(random.nextInt(produced.size()));
      MessageRecords.Fields twin =
          new MessageRecords.Fields(
              f.at().minus(Duration.standardMinutes(1 + random.nextInt(20))),
              "twin-" + i,
              f.eventType(),
              f.messageId(),
              f.channel(),
              MessageRecords.FIRST_COUNTRY + random.nextInt(MessageRecords.COUNTRIES),
              MessageRecords.FIRST_USER + random.nextInt(MessageRecords.USERS));
      deliver(
          f.at().getMillis() + 1000 + random.nextLong(Duration.standardMinutes(10).getMillis()),
          twin);
    }
    for (int i = 0; i < Math.round(o.getCount() * o.getMalformedFraction()); i++) {
      deliveries.add(
          new Delivery(
              start.getMillis() + random.nextLong(spanMillis),
              deliveries.size(),
              new Line(null, malformed(i, start.plus(Duration.standardMinutes(i))))));
    }
    Set<String> tooLateKeys = new HashSet<>();
    List<String> ids = MessageRecords.messageIds(o.getSeed());
    long end = start.getMillis() + spanMillis;
    for (int i = 0; i < Math.round(o.getCount() * o.getTooLateFraction()); i++) {
      MessageRecords.Fields straggler = null;
      for (int attempt = 0; attempt < 10_000 && straggler == null; attempt++) {
        MessageRecords.Fields candidate =
            new MessageRecords.Fields(
                start.plus(
                    Duration.millis(random.nextLong(Duration.standardHours(12).getMillis()))),
                "late-" + i,
                Message.EVENT_TYPES.get(random.nextInt(Message.EVENT_TYPES.size())),
                ids.get(random.nextInt(ids.size())),
                Message.CHANNELS.get(random.nextInt(Message.CHANNELS.size())),
                MessageRecords.FIRST_COUNTRY + random.nextInt(MessageRecords.COUNTRIES),
                MessageRecords.FIRST_USER + random.nextInt(MessageRecords.USERS));
        if (!usedKeys.contains(key(candidate))) {
          straggler = candidate;
        }
      }
      if (straggler == null) {
        throw new IllegalArgumentException(
            "--tooLateFraction: no dedup key is left unused for a too-late record; lower it or"
                + " --count");
      }
      tooLateKeys.add(key(straggler));
      deliver(end + Duration.standardHours(1).getMillis() + i, straggler);
    }
    deliveries.sort(Comparator.comparingLong(Delivery::at).thenComparingLong(Delivery::order));
    List<Line> lines = deliveries.stream().map(Delivery::line).toList();
    MessagesGroundTruth.Builder truth = new MessagesGroundTruth.Builder(tooLateKeys);
    for (int i = 0; i < lines.size(); i++) {
      truth.add("record-" + i, lines.get(i).value());
    }
    return new Generated(lines, truth.build());
  }

  private void deliver(long at, MessageRecords.Fields f) {
    usedKeys.add(key(f));
    deliveries.add(new Delivery(at, deliveries.size(), new Line(f.messageId(), f.json())));
  }

  private static String key(MessageRecords.Fields f) {
    return f.messageId() + "|" + f.eventType() + "|" + f.channel();
  }

  private static MessageRecords.Fields with(
      MessageRecords.Fields f, String eventType, int countryId) {
    return new MessageRecords.Fields(
        f.at(), f.value(), eventType, f.messageId(), f.channel(), countryId, f.userId());
  }

  /** A record the parser rejects, of a kind chosen by {@code i}. */
  private static String malformed(int i, Instant at) {
    MessageRecords.Fields ok =
        new MessageRecords.Fields(at, "bad-" + i, "OPEN", "not-in-pool-" + i, "EMAIL", 2000, 1000);
    return switch (i % 8) {
      case 0 -> "not json at all " + i;
      case 1 -> "{\"timestamp\": \"" + at + "\", \"value\": ";
      case 2 -> ok.json().replace("\"timestamp\":\"" + at + "\",", "");
      case 3 -> ok.json().replace(at.toString(), "yesterday");
      case 4 -> ok.json().replace("\"EMAIL\"", "\"FAX\"");
      case 5 -> ok.json().replace("\"OPEN\"", "\"DELETED\"");
      case 6 -> ok.json().replace("\"user_id\":1000", "\"user_id\":\"1000\"");
      default -> "[" + ok.json() + "]";
    };
  }
}
