package io.onceflow.pipelines.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Synthetic ledger records with the notebook producer's distributions — ids {@code TXN%08d},
 * accounts {@code ACC1000}..{@code ACC9999}, amounts 10.00..10000.00 as strings with two decimals,
 * the three currencies and four types, ISO timestamps — plus what a real feed adds: exact
 * duplicates, conflicting versions (an amount, account or amount text that differs, a timestamp
 * earlier, later or the same), and malformed records of every kind the parser rejects; all in a
 * seeded random arrival order, so a conflicting version comes before its original as often as
 * after. The ground truth is computed from the records themselves ({@link
 * LedgerGroundTruth.Builder}).
 */
final class LedgerGenerator {

  static final String DEFAULT_START = "2026-01-01T00:00:00Z";

  /** A record to deliver: its Kafka key (the transaction id, null for garbage) and its text. */
  record Line(String key, String value) {}

  record Generated(List<Line> records, LedgerGroundTruth truth) {}

  private record Txn(
      String id, String from, String to, String amount, String currency, String type, Instant at) {}

  private final GenerateLedgerOptions o;
  private final SplittableRandom random;

  private LedgerGenerator(GenerateLedgerOptions o) {
    this.o = o;
    this.random = new SplittableRandom(o.getSeed());
  }

  static Generated generate(GenerateLedgerOptions options) {
    check(options);
    return new LedgerGenerator(options).generate();
  }

  /** Validates the options, naming the bad one. */
  static void check(GenerateLedgerOptions o) {
    positive(o.getCount(), "--count");
    positive(o.getSpanMinutes(), "--spanMinutes");
    positive(o.getFiles(), "--files");
    fraction(o.getDuplicateFraction(), "--duplicateFraction");
    fraction(o.getConflictFraction(), "--conflictFraction");
    fraction(o.getMalformedFraction(), "--malformedFraction");
    try {
      Instant.parse(o.getStart());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--start must be an ISO-8601 UTC instant such as "
              + DEFAULT_START
              + ", was '"
              + o.getStart()
              + "'");
    }
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

  private static void positive(int value, String option) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, was " + value);
    }
  }

  private static void fraction(double value, String option) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(option + " must be in [0, 1), was " + value);
    }
  }

  private Generated generate() {
    Instant start = Instant.parse(o.getStart());
    long span = Duration.ofMinutes(o.getSpanMinutes()).toMillis();
    List<Txn> txns = new ArrayList<>();
    for (int i = 1; i <= o.getCount(); i++) {
      txns.add(
          new Txn(
              String.format(Locale.ROOT, "TXN%08d", i),
              account(),
              account(),
              cents(1_000 + random.nextLong(999_001)),
              pick(LedgerJsonParser.CURRENCIES),
              pick(LedgerJsonParser.TYPES),
              start.plusMillis(random.nextLong(span))));
    }
    List<Line> lines = new ArrayList<>();
    txns.forEach(t -> lines.add(line(t)));
    for (long i = Math.round(o.getCount() * o.getDuplicateFraction()); i > 0; i--) {
      lines.add(line(txns.get(random.nextInt(txns.size()))));
    }
    // Each conflict is another version of a different transaction, so that the ground truth's
    // two versions per conflicting id are what the options asked for.
    Set<Integer> conflicted = new HashSet<>();
    for (long i = Math.round(o.getCount() * o.getConflictFraction()); i > 0; i--) {
      int at;
      do {
        at = random.nextInt(txns.size());
      } while (!conflicted.add(at));
      lines.add(line(otherVersion(txns.get(at))));
    }
    for (long i = Math.round(o.getCount() * o.getMalformedFraction()); i > 0; i--) {
      lines.add(new Line(null, malformed(txns.get(random.nextInt(txns.size())))));
    }
    shuffle(lines);
    LedgerGroundTruth.Builder truth = new LedgerGroundTruth.Builder();
    lines.forEach(l -> truth.record(l.value()));
    return new Generated(lines, truth.build());
  }

  /** A version that differs from {@code t}: its hash, its timestamp, or both. */
  private Txn otherVersion(Txn t) {
    Instant later = t.at.plusSeconds(1 + random.nextInt(600));
    Instant earlier = t.at.minusSeconds(1 + random.nextInt(600));
    switch (random.nextInt(4)) {
      case 0: // a corrected amount, sent later: the correction wins
        return new Txn(t.id, t.from, t.to, otherAmount(t.amount), t.currency, t.type, later);
      case 1: // a different amount with an older timestamp: the original wins
        return new Txn(t.id, t.from, t.to, otherAmount(t.amount), t.currency, t.type, earlier);
      case 2: // the same amount written otherwise ("10.50" as "10.5"), same time: the hash decides
        return new Txn(t.id, t.from, t.to, sameAmountOtherText(t.amount), t.currency, t.type, t.at);
      default: // another beneficiary, same time: the hash decides
        return new Txn(t.id, t.from, account(), t.amount, t.currency, t.type, t.at);
    }
  }

  private String otherAmount(String amount) {
    String other;
    do {
      other = cents(1_000 + random.nextLong(999_001));
    } while (other.equals(amount));
    return other;
  }

  /** An equal amount with another text: a trailing zero dropped, or a leading zero added. */
  private static String sameAmountOtherText(String amount) {
    return amount.endsWith("0") ? amount.substring(0, amount.length() - 1) : "0" + amount;
  }

  private String account() {
    return "ACC" + (1000 + random.nextInt(9000));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String cents(long cents) {
    return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
  }

  private void shuffle(List<Line> lines) {
    for (int i = lines.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Line l = lines.get(i);
      lines.set(i, lines.get(j));
      lines.set(j, l);
    }
  }

  private static Line line(Txn t) {
    return new Line(t.id, json(t.id, t.from, t.to, quoted(t.amount), t.currency, t.type, t.at));
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }

  private static String json(
      String id, String from, String to, String amount, String currency, String type, Object at) {
    return String.format(
        Locale.ROOT,
        "{\"transaction_id\":\"%s\",\"account_from\":\"%s\",\"account_to\":\"%s\","
            + "\"amount\":%s,\"currency\":\"%s\",\"transaction_type\":\"%s\",\"timestamp\":\"%s\"}",
        id,
        from,
        to,
        amount,
        currency,
        type,
        at);
  }

  /** One of the ways a record goes wrong in practice, each of which the parser must reject. */
  private String malformed(Txn t) {
    String id = "BAD" + t.id.substring(3);
    String[] kinds = {
      "{\"transaction_id\":\""
          + id
          + "\",\"account_from\":\""
          + t.from
          + "\",\"amount\":\"10.00\"}",
      json(id, t.from, t.to, t.amount, t.currency, t.type, t.at), // amount a JSON number
      json(id, t.from, t.to, quoted("12.3.4"), t.currency, t.type, t.at),
      json(id, t.from, t.to, quoted("10.005"), t.currency, t.type, t.at),
      json(id, t.from, t.to, quoted("0.00"), t.currency, t.type, t.at),
      json(id, t.from, t.to, quoted("-25.00"), t.currency, t.type, t.at),
      json(id, t.from, t.to, quoted("12345678901234567.00"), t.currency, t.type, t.at),
      json(id, t.from, t.to, quoted(t.amount), "JPY", t.type, t.at),
      json(id, t.from, t.to, quoted(t.amount), t.currency, "refund", t.at),
      json(id, t.from, t.to, quoted(t.amount), t.currency, t.type, "yesterday"),
      "[\"" + id + "\"]",
      json(id, t.from, t.to, quoted(t.amount), t.currency, t.type, t.at) + " {}",
      "{\"transaction_id\":\"" + id + "\",\"amount\":",
    };
    return kinds[random.nextInt(kinds.length)];
  }
}
