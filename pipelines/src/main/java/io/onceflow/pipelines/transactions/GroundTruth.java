package io.onceflow.pipelines.transactions;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the tables must hold for a given input, computed with plain collections, independently of
 * Beam: the winning version of each {@code txn_id} ({@link TransactionVersion}), {@code SUCCESS}
 * only, summed per customer and window, leaving out the records that are too late; and the counts
 * every input record falls into (invalid, duplicate, too late, distinct transactions). Recomputed
 * from an input file (where nothing is too late), or made by the generator, which knows which
 * records it delivers too late, and stored as {@value #TOTALS_FILE} and {@value #COUNTS_FILE}.
 */
public final class GroundTruth {

  public static final String TOTALS_FILE = "ground-truth.csv";
  static final String COUNTS_FILE = "ground-truth.properties";
  private static final String TOTALS_HEADER = "window_start,customer_id,total_amount,txn_count";

  /** {@code customer@window_start} to {@code "total count"}. */
  final Map<String, String> totals;

  final long windowMinutes;
  final long records;
  final long invalid;
  final long duplicates;
  final long tooLate;

  /** Distinct valid transactions, too-late ones included: the ledger's rows. */
  final long transactions;

  private GroundTruth(
      Map<String, String> totals,
      long windowMinutes,
      long records,
      long invalid,
      long duplicates,
      long tooLate,
      long transactions) {
    this.totals = totals;
    this.windowMinutes = windowMinutes;
    this.records = records;
    this.invalid = invalid;
    this.duplicates = duplicates;
    this.tooLate = tooLate;
    this.transactions = transactions;
  }

  public static String key(String customer, Instant windowStart) {
    return customer + "@" + windowStart;
  }

  static GroundTruth fromFile(Path input, ParseTransactions.Format format, long windowMinutes)
      throws IOException {
    Builder truth = new Builder(format, windowMinutes);
    for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
      truth.record(line, false);
    }
    return truth.build();
  }

  /** Accumulates input records one by one, in any order. */
  public static final class Builder {
    private final ParseTransactions.Format format;
    private final long windowMinutes;
    private final Map<String, TransactionEvent> winners = new HashMap<>();
    private final Map<String, Boolean> tooLate = new HashMap<>();
    private long records;
    private long invalid;
    private long valid;

    public Builder(ParseTransactions.Format format, long windowMinutes) {
      this.format = format;
      this.windowMinutes = windowMinutes;
    }

    /** One input line; {@code late} when it is delivered after its window has closed. */
    Builder record(String line, boolean late) {
      return record(line, e -> late);
    }

    /** One input line; {@code tooLate} judges a valid one, in input order, by its content. */
    public Builder record(String line, Predicate<TransactionEvent> judge) {
      if (line.isBlank()
          || (format == ParseTransactions.Format.CSV && TransactionCsvParser.isHeader(line))) {
        return this;
      }
      records++;
      TransactionEvent e;
      try {
        e =
            format == ParseTransactions.Format.CSV
                ? TransactionCsvParser.parse(line)
                : TransactionJsonParser.parse(line);
      } catch (InvalidTransactionException bad) {
        invalid++;
        return this;
      }
      valid++;
      boolean late = judge.test(e);
      winners.merge(e.txnId, e, (a, b) -> TransactionVersion.ORDER.compare(a, b) >= 0 ? a : b);
      // A transaction is too late only if every copy of it is.
      tooLate.merge(e.txnId, late, Boolean::logicalAnd);
      return this;
    }

    public GroundTruth build() {
      long windowMillis = windowMinutes * 60_000L;
      Map<String, BigDecimal> sums = new TreeMap<>();
      Map<String, Long> counts = new TreeMap<>();
      long late = 0;
      for (TransactionEvent e : winners.values()) {
        if (tooLate.get(e.txnId)) {
          late++;
          continue;
        }
        if (!e.isSuccess()) {
          continue;
        }
        long start = Math.floorDiv(e.eventTime.getMillis(), windowMillis) * windowMillis;
        String key = key(e.customerId, Instant.ofEpochMilli(start));
        sums.merge(key, e.amount, BigDecimal::add);
        counts.merge(key, 1L, Long::sum);
      }
      Map<String, String> totals = new TreeMap<>();
      sums.forEach((k, sum) -> totals.put(k, sum.toPlainString() + " " + counts.get(k)));
      return new GroundTruth(
          totals, windowMinutes, records, invalid, valid - winners.size(), late, winners.size());
    }
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>();
    lines.add(TOTALS_HEADER);
    totals.forEach(
        (key, value) -> {
          int at = key.lastIndexOf('@');
          String[] totalAndCount = value.split(" ");
          lines.add(
              key.substring(at + 1)
                  + ","
                  + key.substring(0, at)
                  + ","
                  + totalAndCount[0]
                  + ","
                  + totalAndCount[1]);
        });
    Files.write(dir.resolve(TOTALS_FILE), lines, StandardCharsets.UTF_8);
    Properties counts = new Properties();
    counts.setProperty("window_minutes", Long.toString(windowMinutes));
    counts.setProperty("records", Long.toString(records));
    counts.setProperty("invalid", Long.toString(invalid));
    counts.setProperty("duplicates", Long.toString(duplicates));
    counts.setProperty("too_late", Long.toString(tooLate));
    counts.setProperty("transactions", Long.toString(transactions));
    try (Writer w = Files.newBufferedWriter(dir.resolve(COUNTS_FILE), StandardCharsets.UTF_8)) {
      counts.store(
          w,
          "onceflow ground truth: every record is invalid, a duplicate, too late, or one of the"
              + " distinct in-time transactions");
    }
  }

  /** {@code customer@window_start} to {@code "total count"}. */
  public Map<String, String> totals() {
    return totals;
  }

  /** All input records: invalid, duplicate, too late and distinct in-time transactions. */
  public long records() {
    return records;
  }

  /** Records that failed validation: the dead letters. */
  public long invalid() {
    return invalid;
  }

  /** Distinct transactions delivered after their window closed: {@code late_events}' rows. */
  public long tooLate() {
    return tooLate;
  }

  /** Distinct valid transactions, too-late ones included: the ledger's rows. */
  public long transactions() {
    return transactions;
  }

  public static GroundTruth read(Path dir) {
    try {
      Map<String, String> totals = new TreeMap<>();
      for (String line : Files.readAllLines(dir.resolve(TOTALS_FILE), StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.equals(TOTALS_HEADER)) {
          continue;
        }
        String[] f = line.split(",");
        totals.put(key(f[1], Instant.parse(f[0])), f[2] + " " + f[3]);
      }
      Properties counts = new Properties();
      try (Reader r = Files.newBufferedReader(dir.resolve(COUNTS_FILE), StandardCharsets.UTF_8)) {
        counts.load(r);
      }
      return new GroundTruth(
          totals,
          count(counts, "window_minutes"),
          count(counts, "records"),
          count(counts, "invalid"),
          count(counts, "duplicates"),
          count(counts, "too_late"),
          count(counts, "transactions"));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "--groundTruth: cannot read a ground truth in " + dir + " (" + e.getMessage() + ")", e);
    }
  }

  private static long count(Properties p, String name) {
    String v = p.getProperty(name);
    if (v == null) {
      throw new IllegalArgumentException(COUNTS_FILE + " has no " + name);
    }
    return Long.parseLong(v);
  }
}
