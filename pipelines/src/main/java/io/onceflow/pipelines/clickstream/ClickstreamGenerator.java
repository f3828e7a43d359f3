package io.onceflow.pipelines.clickstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Synthetic click events, reproducible from a seed. Users {@code user_0001 ...}; each session
 * belongs to one user, has its own id ({@code sess-00001 ...}) and device (desktop 55 %, mobile 35
 * %, tablet 10 %; 3 % of events carry none), and its events come 2 to 60 seconds apart, so one id
 * is always one session (never a pause longer than the 30-minute gap). Event types: page_view 55 %,
 * click 35 %, purchase 10 %; half the views and clicks are of a product page (with its {@code
 * product_id}), the rest of a few site pages (without); a purchase is on {@code /checkout} with a
 * product. Purchase sprees (7 to 9 purchases) and bots (110 to 130 events) each fill one 5-minute
 * window, so that each breaks the alert rule.
 *
 * <p>Records are delivered in the order of their delivery time: an event's own time plus up to two
 * seconds, or, for the late fraction, 1 to 5 minutes more (within every output's lateness); a
 * malformed record (every kind the parser rejects) right after an event, for the malformed
 * fraction. The too-late events are new events of existing sessions, kept apart: they are to be
 * delivered once every window has closed. The seed has no event id and the pipeline does not
 * deduplicate (an event delivered twice counts twice, as in the notebook), so no record is
 * delivered twice.
 */
final class ClickstreamGenerator {

  static final String EXAMPLE_START = "2026-03-02T09:00:00Z";

  static final List<String> SITE_PAGES =
      List.of("/", "/search", "/deals", "/cart", "/account", "/category/shoes", "/category/books");
  static final int PRODUCTS = 30;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WINDOW_MILLIS = Duration.standardMinutes(5).getMillis();

  /** A record to deliver: its Kafka key (the user id; null for a malformed record) and text. */
  record Line(String key, String value) {}

  /** The records in delivery order, the too-late events (delivered last) and the ground truth. */
  record Generated(List<Line> stream, List<Line> tooLate, ClickstreamGroundTruth truth) {}

  private record Delivery(long at, int order, Line line) {}

  private final GenerateClickstreamOptions o;
  private final SplittableRandom random;
  private final Instant start;
  private final List<Delivery> deliveries = new ArrayList<>();
  private final List<ClickEvent> events = new ArrayList<>();
  private int sessionCount;

  private ClickstreamGenerator(GenerateClickstreamOptions o) {
    this.o = o;
    this.random = new SplittableRandom(o.getSeed());
    this.start = start(o);
  }

  /** Generates, with the ground truth of {@code rules} (the pipeline's windows and alert rule). */
  static Generated generate(GenerateClickstreamOptions o, ClickstreamGroundTruth.Rules rules) {
    check(o);
    return new ClickstreamGenerator(o).generate(rules);
  }

  static void check(GenerateClickstreamOptions o) {
    atLeast(o.getUsers(), 1, "--users");
    atLeast(o.getSessions(), 1, "--sessions");
    atLeast(o.getPurchaseSprees(), 0, "--purchaseSprees");
    atLeast(o.getBots(), 0, "--bots");
    atLeast(o.getSpanMinutes(), 10, "--spanMinutes");
    atLeast(o.getTooLate(), 0, "--tooLate");
    fraction(o.getLateFraction(), "--lateFraction");
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

  /**
   * {@code --start}, or when it is empty the whole hour four hours before the current one: recent
   * enough that an event too late for its windows is still caught and kept (the too-late split
   * keeps its judging state for a week, see SplitTooLate), old enough that every window, sessions
   * included (their last event plus the gap, the lateness and a gap of grace), has closed once the
   * stream goes quiet; and on a whole hour, so that every run makes the same windows.
   */
  static Instant start(GenerateClickstreamOptions o) {
    if (o.getStart().isBlank()) {
      return new Instant(
          java.time.Instant.now()
              .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
              .minus(java.time.Duration.ofHours(4))
              .toEpochMilli());
    }
    try {
      return new Instant(java.time.Instant.parse(o.getStart()).toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--start must be empty or an ISO-8601 UTC instant such as "
              + EXAMPLE_START
              + ", was '"
              + o.getStart()
              + "'");
    }
  }

  private static void atLeast(long value, long min, String option) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", was " + value);
    }
  }

  private static void fraction(double value, String option) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(option + " must be between 0 and 1, was " + value);
    }
  }

  private Generated generate(ClickstreamGroundTruth.Rules rules) {
    long span = Duration.standardMinutes(o.getSpanMinutes()).getMillis();
    for (int s = 0; s < o.getSessions(); s++) {
      Session session = newSession();
      long t = start.getMillis() + random.nextLong(span);
      int n = 3 + random.nextInt(38);
      for (int i = 0; i < n; i++) {
        t += 2_000 + random.nextLong(58_000);
        emit(session, ordinaryType(), t);
      }
    }
    for (int s = 0; s < o.getPurchaseSprees(); s++) {
      Session session = newSession();
      long window = windowIn(span);
      int purchases = 7 + random.nextInt(3);
      for (int i = 0; i < purchases; i++) {
        emit(session, "purchase", window + random.nextLong(WINDOW_MILLIS));
      }
      for (int i = random.nextInt(6); i > 0; i--) {
        emit(session, "page_view", window + random.nextLong(WINDOW_MILLIS));
      }
    }
    for (int s = 0; s < o.getBots(); s++) {
      Session session = newSession();
      long window = windowIn(span);
      for (int i = 110 + random.nextInt(21); i > 0; i--) {
        emit(
            session,
            random.nextBoolean() ? "click" : "page_view",
            window + random.nextLong(WINDOW_MILLIS));
      }
    }
    List<Line> tooLate = new ArrayList<>();
    for (int i = 0; i < o.getTooLate() && !events.isEmpty(); i++) {
      // A new event in a session that has closed: a purchase a few seconds after one of its
      // events, so that it differs from every event delivered.
      ClickEvent of = events.get(random.nextInt(events.size()));
      ClickEvent late =
          new ClickEvent(
              of.userId,
              of.sessionId,
              "purchase",
              "/checkout",
              product(),
              of.timestamp.plus(Duration.millis(1 + random.nextInt(5_000))),
              of.deviceType,
              of.ipAddress);
      tooLate.add(new Line(late.userId, json(late)));
    }
    deliveries.sort(Comparator.comparingLong(Delivery::at).thenComparingInt(Delivery::order));
    List<Line> stream = deliveries.stream().map(Delivery::line).toList();
    ClickstreamGroundTruth.Builder truth = new ClickstreamGroundTruth.Builder(rules);
    stream.forEach(l -> truth.inTime(l.value()));
    tooLate.forEach(l -> truth.tooLate(l.value()));
    return new Generated(stream, tooLate, truth.build());
  }

  private record Session(String user, String id, String device, String ip) {}

  private Session newSession() {
    int user = 1 + random.nextInt(o.getUsers());
    double d = random.nextDouble();
    String device = d < 0.55 ? "desktop" : d < 0.90 ? "mobile" : "tablet";
    return new Session(
        String.format("user_%04d", user),
        String.format("sess-%05d", ++sessionCount),
        device,
        "10.0." + (user / 256) + "." + (user % 256));
  }

  /** The start of a whole 5-minute window inside the span. */
  private long windowIn(long span) {
    long first = Math.floorDiv(start.getMillis(), WINDOW_MILLIS) * WINDOW_MILLIS + WINDOW_MILLIS;
    return first + WINDOW_MILLIS * random.nextLong(Math.max(1, span / WINDOW_MILLIS - 1));
  }

  private String ordinaryType() {
    double d = random.nextDouble();
    return d < 0.55 ? "page_view" : d < 0.90 ? "click" : "purchase";
  }

  private String product() {
    return String.format("P-%03d", 1 + random.nextInt(PRODUCTS));
  }

  private void emit(Session s, String type, long at) {
    String page;
    String product = null;
    if (type.equals("purchase")) {
      page = "/checkout";
      product = product();
    } else if (random.nextBoolean()) {
      product = product();
      page = "/products/" + product;
    } else {
      page = SITE_PAGES.get(random.nextInt(SITE_PAGES.size()));
    }
    String device = random.nextInt(100) < 3 ? null : s.device();
    ClickEvent e =
        new ClickEvent(s.user(), s.id(), type, page, product, new Instant(at), device, s.ip());
    events.add(e);
    long deliverAt = at + random.nextInt(2_000);
    if (random.nextDouble() < o.getLateFraction()) {
      deliverAt += 60_000L + random.nextLong(4 * 60_000L);
    }
    deliver(deliverAt, new Line(e.userId, json(e)));
    if (random.nextDouble() < o.getMalformedFraction()) {
      deliver(deliverAt, new Line(null, malformed(e)));
    }
  }

  private void deliver(long at, Line line) {
    deliveries.add(new Delivery(at, deliveries.size(), line));
  }

  static String json(ClickEvent e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("user_id", e.userId);
    n.put("session_id", e.sessionId);
    n.put("event_type", e.eventType);
    n.put("page_url", e.pageUrl);
    if (e.productId != null) {
      n.put("product_id", e.productId);
    }
    n.put("timestamp", java.time.Instant.ofEpochMilli(e.timestamp.getMillis()).toString());
    if (e.deviceType != null) {
      n.put("device_type", e.deviceType);
    }
    n.put("ip_address", e.ipAddress);
    return n.toString();
  }

  /** A record the parser rejects, of a kind chosen by the seed, made from a good one. */
  private String malformed(ClickEvent e) {
    String good = json(e);
    return switch (random.nextInt(8)) {
      case 0 ->
          good.replace("\"event_type\":\"" + e.eventType + "\"", "\"event_type\":\"add_to_cart\"");
      case 1 -> good.replace("\"user_id\":\"" + e.userId + "\",", "");
      case 2 -> good.replace("\"session_id\":\"" + e.sessionId + "\",", "");
      case 3 -> good.replace("\"user_id\":\"" + e.userId + "\"", "\"user_id\":\"\"");
      case 4 ->
          good.replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"yesterday at noon\"");
      case 5 -> good.replaceFirst("\"timestamp\":\"[^\"]+\",", "");
      case 6 ->
          good.replace(
              "\"user_id\":\"" + e.userId + "\"",
              "\"user_id\":" + Integer.parseInt(e.userId.substring(5)));
      default -> good.substring(0, good.length() / 2);
    };
  }
}
