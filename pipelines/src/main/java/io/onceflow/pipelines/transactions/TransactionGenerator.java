package io.onceflow.pipelines.transactions;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic transactions with everything a real feed throws at the pipeline, reproducible from a
 * seed: a stream in arrival order (on time within an out-of-orderness, some late within the allowed
 * lateness, exact duplicates, malformed records), and stragglers that arrive after their window has
 * closed. A straggler is a new transaction of a customer-hour that already has transactions, at
 * least six hours older than the stream's last event, so that it is too late whatever the
 * pipeline's window (up to an hour) and lateness (up to two hours plus the grace of a window), and
 * a closed window is what it comes back to. The ground truth is computed from the records
 * themselves ({@link GroundTruth.Builder}).
 */
final class TransactionGenerator {

  static final Duration STRAGGLER_AGE = Duration.ofHours(6);

  /** A record to deliver: its Kafka key (the transaction id, null for garbage) and its text. */
  record Line(String key, String value) {}

  /**
   * What was generated: the stream, the stragglers, the ground truth of delivering both in that
   * order.
   */
  record Generated(List<Line> stream, List<Line> stragglers, GroundTruth truth) {}

  private record Txn(
      Instant eventTime,
      Instant processingTime,
      String id,
      String customer,
      BigDecimal amount,
      String status) {}

  private record Arrival(long at, int order, Line line) {}

  private final GenerateOptions o;
  private final ParseTransactions.Format format;
  private final SplittableRandom random;
  private int arrivalsMade;

  private TransactionGenerator(GenerateOptions o) {
    this.o = o;
    this.format = check(o);
    this.random = new SplittableRandom(o.getSeed());
  }

  static Generated generate(GenerateOptions options) {
    return new TransactionGenerator(options).generate();
  }

  /** Validates the options, naming the bad one; returns the format. */
  static ParseTransactions.Format check(GenerateOptions o) {
    positive(o.getCount(), "--count");
    positive(o.getCustomers(), "--customers");
    positive(o.getSpanHours(), "--spanHours");
    positive(o.getFiles(), "--files");
    if (o.getMaxLatenessMinutes() < 0 || o.getOutOfOrdernessSeconds() < 0) {
      throw new IllegalArgumentException(
          o.getMaxLatenessMinutes() < 0
              ? "--maxLatenessMinutes must be >= 0"
              : "--outOfOrdernessSeconds must be >= 0");
    }
    fraction(o.getDuplicateFraction(), "--duplicateFraction");
    fraction(o.getLateFraction(), "--lateFraction");
    fraction(o.getTooLateFraction(), "--tooLateFraction");
    fraction(o.getMalformedFraction(), "--malformedFraction");
    if (o.getTooLateFraction() > 0 && o.getSpanHours() <= STRAGGLER_AGE.toHours()) {
      throw new IllegalArgumentException(
          "--spanHours must be more than "
              + STRAGGLER_AGE.toHours()
              + " for too-late records (--tooLateFraction > 0)");
    }
    try {
      start(o);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--start must be an ISO-8601 UTC instant such as 2025-01-01T00:00:00Z, was '"
              + o.getStart()
              + "'");
    }
    if (!List.of("all", "stream", "stragglers").contains(o.getPart())) {
      throw new IllegalArgumentException(
          "--part must be all, stream or stragglers, was '" + o.getPart() + "'");
    }
    if (!List.of("files", "kafka").contains(o.getTo())) {
      throw new IllegalArgumentException("--to must be files or kafka, was '" + o.getTo() + "'");
    }
    if (o.getTo().equals("kafka")
        && (o.getBootstrapServers() == null || o.getBootstrapServers().isBlank())) {
      throw new IllegalArgumentException("--bootstrapServers is required with --to=kafka");
    }
    if (o.getTo().equals("kafka") && (o.getTopic() == null || o.getTopic().isBlank())) {
      throw new IllegalArgumentException("--topic is required with --to=kafka");
    }
    return TransactionsPipelineOptionsCheck.format(o.getFormat());
  }

  /** The first event time: {@code --start}, or midnight UTC two days ago. */
  static Instant start(GenerateOptions o) {
    if (o.getStart().isBlank()) {
      return GenerateTransactions.defaultStart();
    }
    return Instant.parse(o.getStart());
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
    Instant start = start(o);
    long spanMillis = Duration.ofHours(o.getSpanHours()).toMillis();
    long outOfOrderness = Duration.ofSeconds(o.getOutOfOrdernessSeconds()).toMillis();
    long maxLateness =
        Math.max(Duration.ofMinutes(o.getMaxLatenessMinutes()).toMillis(), outOfOrderness);

    List<Txn> txns = new ArrayList<>();
    for (int i = 0; i < o.getCount(); i++) {
      txns.add(
          transaction(
              String.format(Locale.ROOT, "txn-%08d", i),
              customer(),
              start.plusMillis(random.nextLong(spanMillis))));
    }
    List<Arrival> arrivals = new ArrayList<>();
    for (Txn t : txns) {
      boolean late = random.nextDouble() < o.getLateFraction();
      long delay =
          late
              ? outOfOrderness + random.nextLong(maxLateness - outOfOrderness + 1)
              : random.nextLong(outOfOrderness + 1);
      arrivals.add(arrival(t.eventTime.toEpochMilli() + delay, t));
    }
    for (long i = Math.round(o.getCount() * o.getDuplicateFraction()); i > 0; i--) {
      Txn original = txns.get(random.nextInt(txns.size()));
      arrivals.add(
          arrival(original.eventTime.toEpochMilli() + random.nextLong(maxLateness + 1), original));
    }
    for (long i = Math.round(o.getCount() * o.getMalformedFraction()); i > 0; i--) {
      Instant at = start.plusMillis(random.nextLong(spanMillis));
      arrivals.add(
          new Arrival(at.toEpochMilli(), arrivalsMade++, new Line(null, malformed(i, at))));
    }
    arrivals.sort(Comparator.comparingLong(Arrival::at).thenComparingInt(Arrival::order));
    List<Line> stream = arrivals.stream().map(Arrival::line).toList();

    List<Line> stragglers = new ArrayList<>();
    long stragglerCount = Math.round(o.getCount() * o.getTooLateFraction());
    if (stragglerCount > 0) {
      Instant newest =
          txns.stream().map(Txn::eventTime).max(Comparator.naturalOrder()).orElseThrow();
      List<Txn> closedHours =
          txns.stream()
              .filter(
                  t ->
                      t.status.equals("SUCCESS")
                          && t.eventTime.isBefore(newest.minus(STRAGGLER_AGE)))
              .toList();
      if (closedHours.isEmpty()) {
        throw new IllegalArgumentException(
            "--count or --spanHours too small: no transaction is old enough to have a straggler");
      }
      for (int i = 0; i < stragglerCount; i++) {
        Txn of = closedHours.get(random.nextInt(closedHours.size()));
        Txn straggler =
            new Txn(
                of.eventTime,
                of.eventTime.plusSeconds(1),
                String.format(Locale.ROOT, "late-%08d", i),
                of.customer,
                amount(),
                "SUCCESS");
        stragglers.add(line(straggler));
      }
    }

    GroundTruth.Builder truth = new GroundTruth.Builder(format, 60);
    stream.forEach(l -> truth.record(l.value(), false));
    stragglers.forEach(l -> truth.record(l.value(), true));
    return new Generated(stream, stragglers, truth.build());
  }

  private Arrival arrival(long at, Txn t) {
    return new Arrival(at, arrivalsMade++, line(t));
  }

  private String customer() {
    return String.format(Locale.ROOT, "customer-%04d", random.nextInt(o.getCustomers()));
  }

  private BigDecimal amount() {
    return BigDecimal.valueOf(100 + random.nextLong(49_901), 2);
  }

  private Txn transaction(String id, String customer, Instant eventTime) {
    double s = random.nextDouble();
    String status = s < 0.85 ? "SUCCESS" : s < 0.95 ? "FAILED" : s < 0.98 ? "PENDING" : "CANCELLED";
    return new Txn(
        eventTime, eventTime.plusMillis(random.nextLong(5_000)), id, customer, amount(), status);
  }

  private Line line(Txn t) {
    if (format == ParseTransactions.Format.CSV) {
      return new Line(
          t.id,
          String.join(
              ",",
              t.eventTime.toString(),
              t.processingTime.toString(),
              t.id,
              t.customer,
              t.amount.toPlainString(),
              t.status));
    }
    return new Line(
        t.id,
        String.format(
            Locale.ROOT,
            "{\"event_time\":\"%s\",\"processing_time\":\"%s\",\"txn_id\":\"%s\",\"customer_id\":\"%s\",\"amount\":%s,\"status\":\"%s\"}",
            t.eventTime,
            t.processingTime,
            t.id,
            t.customer,
            t.amount.toPlainString(),
            t.status));
  }

  /** One of the ways a record goes wrong in practice, each of which the parser must reject. */
  private String malformed(long n, Instant at) {
    String id = String.format(Locale.ROOT, "bad-%08d", n);
    String customer = customer();
    String[] csv = {
      at + "," + at + "," + id + "," + customer + ",12.3.4,SUCCESS",
      "yesterday," + at + "," + id + "," + customer + ",10.00,SUCCESS",
      at + "," + id + "," + customer,
      at + "," + at + "," + id + "," + customer + ",1.005,SUCCESS",
      at + "," + at + "," + id + "," + customer + ",10.00,MAYBE",
    };
    String[] json = {
      "{\"event_time\":\"" + at + "\",\"txn_id\":\"" + id + "\",\"amount\":",
      "{\"event_time\":\"yesterday\",\"processing_time\":\""
          + at
          + "\",\"txn_id\":\""
          + id
          + "\",\"customer_id\":\""
          + customer
          + "\",\"amount\":1,\"status\":\"SUCCESS\"}",
      "[\"" + id + "\"]",
      "{\"event_time\":\""
          + at
          + "\",\"processing_time\":\""
          + at
          + "\",\"txn_id\":\""
          + id
          + "\",\"customer_id\":\""
          + customer
          + "\",\"amount\":1.005,\"status\":\"SUCCESS\"}",
    };
    String[] kinds = format == ParseTransactions.Format.CSV ? csv : json;
    return kinds[random.nextInt(kinds.length)];
  }

  static String header(ParseTransactions.Format format) {
    return format == ParseTransactions.Format.CSV ? TransactionCsvParser.HEADER : null;
  }
}
