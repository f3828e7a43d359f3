package io.onceflow.pipelines.purchases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic purchase events, reproducible from a seed: a stream in arrival order (in event-time
 * order within a few seconds, some late by up to {@value #MAX_LATE_MINUTES} minutes of event time,
 * well within the hour of lateness; exact duplicates delivered again later; malformed records of
 * every kind the parser rejects), and stragglers: new purchases of windows that hold purchases,
 * delivered after every window has closed, so too late. Event times run {@code spanMinutes} from
 * {@code start}; {@link GeneratePurchases} puts them in the past so that once the source is idle
 * the watermark closes every window.
 */
final class PurchaseGenerator {

  static final List<String> CATEGORIES = List.of("Skincare", "Makeup", "Haircare", "Fragrance");
  static final List<String> PAYMENT_METHODS = List.of("Credit Card", "PayPal", "Debit Card");
  static final List<String> BRANDS = List.of("Lumen", "Aster", "Velvet", "Nordic Bloom");
  static final int MAX_LATE_MINUTES = 40;

  /** A record to deliver: its Kafka key (the transaction id, or null) and its text. */
  record Line(String key, String value) {}

  record Generated(List<Line> stream, List<Line> stragglers) {}

  private record Arrival(long at, int order, Line line) {}

  private final SplittableRandom random;
  private final int count;
  private final double duplicateFraction;
  private final double lateFraction;
  private final double malformedFraction;
  private final int stragglers;
  private final Instant start;
  private final long spanSeconds;
  private int made;

  PurchaseGenerator(
      long seed,
      int count,
      double duplicateFraction,
      double lateFraction,
      double malformedFraction,
      int stragglers,
      Instant start,
      int spanMinutes) {
    this.random = new SplittableRandom(seed);
    this.count = count;
    this.duplicateFraction = duplicateFraction;
    this.lateFraction = lateFraction;
    this.malformedFraction = malformedFraction;
    this.stragglers = stragglers;
    this.start = start;
    this.spanSeconds = spanMinutes * 60L;
  }

  Generated generate() {
    List<Arrival> arrivals = new ArrayList<>();
    List<String> windowed = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long offset = random.nextLong(spanSeconds);
      Instant ts = start.plusSeconds(offset).plusMillis(random.nextInt(1000));
      String id = String.format("p-%06d", i);
      String json = json(id, ts);
      windowed.add(json);
      long at = offset * 1000 + random.nextInt(3000);
      if (random.nextDouble() < lateFraction) {
        at += 60_000L * (2 + random.nextInt(MAX_LATE_MINUTES - 2));
      }
      arrivals.add(new Arrival(at, made++, new Line(id, json)));
      if (random.nextDouble() < duplicateFraction) {
        arrivals.add(new Arrival(at + 1000L * random.nextInt(600), made++, new Line(id, json)));
      }
      if (random.nextDouble() < malformedFraction) {
        arrivals.add(new Arrival(at, made++, new Line(null, malformed(i, ts))));
      }
    }
    arrivals.sort(Comparator.comparingLong(Arrival::at).thenComparingInt(Arrival::order));
    List<Line> stream = arrivals.stream().map(Arrival::line).toList();
    List<Line> late = new ArrayList<>();
    for (int i = 0; i < stragglers; i++) {
      // A new purchase in the window of an existing one: that window is closed by then.
      Purchase existing;
      try {
        existing = PurchaseJsonParser.parse(windowed.get(random.nextInt(windowed.size())));
      } catch (InvalidPurchaseException e) {
        throw new IllegalStateException("the generator wrote an invalid purchase", e);
      }
      String id = String.format("late-%04d", i);
      late.add(new Line(id, json(id, Instant.ofEpochMilli(existing.ts.getMillis()))));
    }
    return new Generated(stream, late);
  }

  private String json(String id, Instant ts) {
    String category = pick(CATEGORIES);
    String brand = pick(BRANDS);
    long quantity = 1 + random.nextInt(5);
    BigDecimal price = BigDecimal.valueOf(199 + random.nextInt(9800), 2);
    return "{\"transaction_id\":\""
        + id
        + "\",\"customer_id\":\"c-"
        + (100 + random.nextInt(400))
        + "\",\"category\":\""
        + category
        + "\",\"brand\":\""
        + brand
        + "\",\"product_name\":\""
        + brand
        + " "
        + category
        + " No. "
        + (1 + random.nextInt(20))
        + "\",\"quantity\":"
        + quantity
        + ",\"price\":"
        + price.toPlainString()
        + ",\"payment_method\":\""
        + pick(PAYMENT_METHODS)
        + "\",\"ts\":\""
        + ts
        + "\"}";
  }

  /** One of the rejections the parser knows, chosen by the seed. */
  private String malformed(int i, Instant ts) {
    String id = "bad-" + i;
    String good = json(id, ts);
    return switch (random.nextInt(7)) {
      case 0 -> good.replaceFirst("\"quantity\":[0-9]+", "\"quantity\":0");
      case 1 -> good.replaceFirst("\"quantity\":[0-9]+", "\"quantity\":1.5");
      case 2 -> good.replaceFirst("\"price\":[0-9.]+", "\"price\":\"12,50\"");
      case 3 -> good.replaceFirst("\"price\":[0-9.]+", "\"price\":-3.00");
      case 4 -> good.replace("}", ",\"coupon\":\"SPRING\"}");
      case 5 -> good.replaceFirst("\"ts\":\"[^\"]+\"", "\"ts\":\"yesterday at noon\"");
      default -> good.substring(0, good.length() / 2);
    };
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
