package io.onceflow.pipelines.purchases;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the tables must hold after the generated input, computed with plain Java collections: the
 * windows of the in-time distinct purchases with their running totals, and the count every input
 * record falls into (invalid, duplicate, too late, distinct in-time purchases). Stored beside the
 * data as {@value #WINDOWS_FILE} and {@value #COUNTS_FILE}.
 */
final class PurchaseGroundTruth {

  static final String WINDOWS_FILE = "ground-truth-retail.csv";
  static final String COUNTS_FILE = "ground-truth-counts.properties";
  static final String HEADER =
      "category,payment_method,window_start,avg_price,total_quantity,total_amount,running_total,"
          + "purchase_count";

  /** One expected row of {@code retail}, as text, keyed by category|payment|window_start. */
  final Map<String, String> windows;

  final long records;
  final long invalid;
  final long duplicates;
  final long tooLate;
  final long purchases;

  PurchaseGroundTruth(
      Map<String, String> windows,
      long records,
      long invalid,
      long duplicates,
      long tooLate,
      long purchases) {
    this.windows = windows;
    this.records = records;
    this.invalid = invalid;
    this.duplicates = duplicates;
    this.tooLate = tooLate;
    this.purchases = purchases;
  }

  /**
   * The truth of delivering {@code stream} (all in time) and then {@code stragglers} (too late).
   */
  static PurchaseGroundTruth of(List<String> stream, List<String> stragglers, long windowMillis) {
    Set<String> seen = new HashSet<>();
    long invalid = 0;
    long duplicates = 0;
    // group -> window start -> sums
    Map<String, TreeMap<Long, PurchaseSums>> sums = new TreeMap<>();
    for (String line : stream) {
      Purchase p;
      try {
        p = PurchaseJsonParser.parse(line);
      } catch (InvalidPurchaseException e) {
        invalid++;
        continue;
      }
      if (!seen.add(p.transactionId)) {
        duplicates++;
        continue;
      }
      long start = Math.floorDiv(p.ts.getMillis(), windowMillis) * windowMillis;
      sums.computeIfAbsent(p.category + "," + p.paymentMethod, g -> new TreeMap<>())
          .merge(start, PurchaseSums.NONE.plus(p), PurchaseGroundTruth::add);
    }
    Map<String, String> windows = new TreeMap<>();
    for (Map.Entry<String, TreeMap<Long, PurchaseSums>> group : sums.entrySet()) {
      BigDecimal running = BigDecimal.ZERO.setScale(2);
      for (Map.Entry<Long, PurchaseSums> w : group.getValue().entrySet()) {
        PurchaseSums s = w.getValue();
        running = running.add(s.amount);
        String start = java.time.Instant.ofEpochMilli(w.getKey()).toString();
        windows.put(
            group.getKey() + "," + start,
            String.join(
                ",",
                group.getKey(),
                start,
                s.avgPrice().toPlainString(),
                Long.toString(s.quantity),
                s.amount.toPlainString(),
                running.toPlainString(),
                Long.toString(s.count)));
      }
    }
    return new PurchaseGroundTruth(
        windows,
        stream.size() + stragglers.size(),
        invalid,
        duplicates,
        stragglers.size(),
        seen.size());
  }

  private static PurchaseSums add(PurchaseSums a, PurchaseSums b) {
    return new PurchaseSums(
        a.count + b.count,
        a.quantity + b.quantity,
        a.amount.add(b.amount),
        a.priceSum.add(b.priceSum));
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    lines.addAll(windows.values());
    Files.write(dir.resolve(WINDOWS_FILE), lines, StandardCharsets.UTF_8);
    Properties counts = new Properties();
    counts.setProperty("records", Long.toString(records));
    counts.setProperty("invalid", Long.toString(invalid));
    counts.setProperty("duplicates", Long.toString(duplicates));
    counts.setProperty("too_late", Long.toString(tooLate));
    counts.setProperty("purchases", Long.toString(purchases));
    try (Writer w = Files.newBufferedWriter(dir.resolve(COUNTS_FILE), StandardCharsets.UTF_8)) {
      counts.store(
          w,
          "onceflow ground truth: every record is invalid, a duplicate, too late, or one of the"
              + " distinct in-time purchases");
    }
  }

  static PurchaseGroundTruth read(Path dir) throws IOException {
    Map<String, String> windows = new TreeMap<>();
    List<String> lines = Files.readAllLines(dir.resolve(WINDOWS_FILE), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      windows.put(f[0] + "," + f[1] + "," + f[2], line);
    }
    Properties counts = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(COUNTS_FILE), StandardCharsets.UTF_8)) {
      counts.load(r);
    }
    return new PurchaseGroundTruth(
        windows,
        count(counts, "records"),
        count(counts, "invalid"),
        count(counts, "duplicates"),
        count(counts, "too_late"),
        count(counts, "purchases"));
  }

  private static long count(Properties p, String name) throws IOException {
    String v = p.getProperty(name);
    if (v == null) {
      throw new IOException(COUNTS_FILE + " has no " + name);
    }
    return Long.parseLong(v);
  }
}
