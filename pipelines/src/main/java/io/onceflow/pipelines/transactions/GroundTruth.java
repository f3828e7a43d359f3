package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.transactions.InvalidTransactionException;
import io.onceflow.transforms.transactions.ParseTransactions;
import io.onceflow.transforms.transactions.TransactionCsvParser;
import io.onceflow.transforms.transactions.TransactionEvent;
import io.onceflow.transforms.transactions.TransactionJsonParser;
import io.onceflow.transforms.transactions.TransactionVersion;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hourly totals recomputed from an input file with plain collections, independently of Beam:
 * the winning version of each {@code txn_id} ({@link TransactionVersion}), {@code SUCCESS}
 * only, summed per customer and window. For a bounded input nothing is too late.
 */
final class GroundTruth {

  /** {@code customer@window_start} to {@code "total count"}. */
  final Map<String, String> totals;
  final long records;
  final long invalid;

  private GroundTruth(Map<String, String> totals, long records, long invalid) {
    this.totals = totals;
    this.records = records;
    this.invalid = invalid;
  }

  static GroundTruth fromFile(Path input, ParseTransactions.Format format, long windowMillis) throws IOException {
    Map<String, TransactionEvent> winners = new HashMap<>();
    long records = 0;
    long invalid = 0;
    for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
      if (line.isBlank() || (format == ParseTransactions.Format.CSV && TransactionCsvParser.isHeader(line))) {
        continue;
      }
      records++;
      TransactionEvent e;
      try {
        e = format == ParseTransactions.Format.CSV ? TransactionCsvParser.parse(line) : TransactionJsonParser.parse(line);
      } catch (InvalidTransactionException bad) {
        invalid++;
        continue;
      }
      winners.merge(e.txnId, e, (a, b) -> TransactionVersion.ORDER.compare(a, b) >= 0 ? a : b);
    }
    Map<String, BigDecimal> sums = new TreeMap<>();
    Map<String, Long> counts = new TreeMap<>();
    for (TransactionEvent e : winners.values()) {
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
    return new GroundTruth(totals, records, invalid);
  }

  static String key(String customer, Instant windowStart) {
    return customer + "@" + windowStart;
  }
}
