package io.onceflow.pipelines.ledger;

import io.onceflow.pipelines.GroundTruthFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ledger's tables must hold for a given input, computed with plain collections,
 * independently of Beam: per {@code transaction_id}, its distinct versions and the greatest of them
 * ({@link LedgerVersion}); the ledger rows (the winners), the conflicts (ids with more than one
 * version), the summary of the winners per {@code transaction_type, currency} ({@link
 * LedgerSummaryFn#average}'s rule for the average), and the counts every record falls into:
 * invalid, a duplicate (a copy of a version already seen), a conflicting version (one more version
 * of an id), or the first version of an id. Made by the generator and stored as tab-separated files
 * beside the records, or recomputed from an input file.
 */
public final class LedgerGroundTruth {

  static final String LEDGER_FILE = "ledger.tsv";
  static final String CONFLICTS_FILE = "conflicts.tsv";
  static final String SUMMARY_FILE = "summary.tsv";
  static final String COUNTS_FILE = "ground-truth.properties";

  /** transaction_id to "account_from account_to amount currency type hash event_timestamp". */
  final Map<String, String> ledger;

  /** transaction_id to "versions winner_hash discarded_hashes". */
  final Map<String, String> conflicts;

  /** "type currency" to "count total average" (average "null" at count 0). */
  final Map<String, String> summary;

  final long records;
  final long invalid;
  final long duplicates;
  final long conflictingVersions;

  private LedgerGroundTruth(
      Map<String, String> ledger,
      Map<String, String> conflicts,
      Map<String, String> summary,
      long records,
      long invalid,
      long duplicates,
      long conflictingVersions) {
    this.ledger = ledger;
    this.conflicts = conflicts;
    this.summary = summary;
    this.records = records;
    this.invalid = invalid;
    this.duplicates = duplicates;
    this.conflictingVersions = conflictingVersions;
  }

  /** A ledger row as the truth and the verifier write it. */
  static String ledgerRow(
      String from,
      String to,
      BigDecimal amount,
      String currency,
      String type,
      String hash,
      java.time.Instant at) {
    return String.join(" ", from, to, amount.toPlainString(), currency, type, hash, at.toString());
  }

  /** Accumulates input records one by one, in any order. */
  public static final class Builder {
    private final Map<String, List<LedgerEntry>> versions = new TreeMap<>();
    private long records;
    private long invalid;
    private long valid;

    /** One input line; a blank line is no record (the file reader skips it). */
    public Builder record(String line) {
      if (line.isBlank()) {
        return this;
      }
      records++;
      LedgerEntry e;
      try {
        e = LedgerJsonParser.parse(line);
      } catch (InvalidLedgerRecordException | RuntimeException bad) {
        invalid++;
        return this;
      }
      valid++;
      List<LedgerEntry> of = versions.computeIfAbsent(e.transactionId, id -> new ArrayList<>());
      if (of.stream().noneMatch(v -> LedgerVersion.ORDER.compare(v, e) == 0)) {
        of.add(e);
        of.sort(LedgerVersion.ORDER.reversed());
      }
      return this;
    }

    public LedgerGroundTruth build() {
      Map<String, String> ledger = new TreeMap<>();
      Map<String, String> conflicts = new TreeMap<>();
      Map<String, long[]> counts = new HashMap<>();
      Map<String, BigDecimal> totals = new HashMap<>();
      long distinctVersions = 0;
      for (Map.Entry<String, List<LedgerEntry>> id : versions.entrySet()) {
        List<LedgerEntry> v = id.getValue();
        LedgerEntry w = v.get(0);
        distinctVersions += v.size();
        ledger.put(
            id.getKey(),
            ledgerRow(
                w.accountFrom,
                w.accountTo,
                w.amount,
                w.currency,
                w.transactionType,
                w.transactionHash,
                java.time.Instant.ofEpochMilli(w.eventTimestamp.getMillis())));
        if (v.size() > 1) {
          conflicts.put(id.getKey(), conflictRow(v.size(), w.transactionHash, discarded(v)));
        }
        counts.computeIfAbsent(w.group(), g -> new long[1])[0]++;
        totals.merge(w.group(), w.amount, BigDecimal::add);
      }
      Map<String, String> summary = new TreeMap<>();
      for (String type : LedgerJsonParser.TYPES) {
        for (String currency : LedgerJsonParser.CURRENCIES) {
          String group = type + " " + currency;
          long count = counts.containsKey(group) ? counts.get(group)[0] : 0;
          BigDecimal total = totals.getOrDefault(group, BigDecimal.ZERO).setScale(2);
          summary.put(group, summaryRow(count, total, LedgerSummaryFn.average(total, count)));
        }
      }
      return new LedgerGroundTruth(
          ledger,
          conflicts,
          summary,
          records,
          invalid,
          valid - distinctVersions,
          distinctVersions - versions.size());
    }

    private static String discarded(List<LedgerEntry> versions) {
      List<String> hashes = new ArrayList<>();
      versions.subList(1, versions.size()).forEach(e -> hashes.add(e.transactionHash));
      return String.join(",", hashes);
    }
  }

  static String conflictRow(long versions, String winnerHash, String discardedHashes) {
    return versions + " " + winnerHash + " " + discardedHashes;
  }

  static String summaryRow(long count, BigDecimal total, BigDecimal average) {
    return count
        + " "
        + total.toPlainString()
        + " "
        + (average == null ? "null" : average.toPlainString());
  }

  static LedgerGroundTruth fromFile(Path input) throws IOException {
    Builder truth = new Builder();
    for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
      truth.record(line);
    }
    return truth.build();
  }

  /** Ledger rows: the distinct transaction ids. */
  public long transactions() {
    return ledger.size();
  }

  public long records() {
    return records;
  }

  public long invalid() {
    return invalid;
  }

  public long duplicates() {
    return duplicates;
  }

  public long conflictingVersions() {
    return conflictingVersions;
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    GroundTruthFiles.writeRows(dir.resolve(LEDGER_FILE), ledger);
    GroundTruthFiles.writeRows(dir.resolve(CONFLICTS_FILE), conflicts);
    GroundTruthFiles.writeRows(dir.resolve(SUMMARY_FILE), summary);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("records", records);
    counts.put("invalid", invalid);
    counts.put("duplicates", duplicates);
    counts.put("conflicting_versions", conflictingVersions);
    counts.put("transactions", (long) ledger.size());
    GroundTruthFiles.writeCounts(
        dir.resolve(COUNTS_FILE),
        counts,
        "onceflow ledger ground truth: records = transactions + conflicting versions +"
            + " duplicates + invalid");
  }

  public static LedgerGroundTruth read(Path dir) {
    try {
      Path countsFile = dir.resolve(COUNTS_FILE);
      Map<String, Long> p = GroundTruthFiles.readCounts(countsFile);
      return new LedgerGroundTruth(
          GroundTruthFiles.readRows(dir.resolve(LEDGER_FILE)),
          GroundTruthFiles.readRows(dir.resolve(CONFLICTS_FILE)),
          GroundTruthFiles.readRows(dir.resolve(SUMMARY_FILE)),
          GroundTruthFiles.count(p, "records", countsFile),
          GroundTruthFiles.count(p, "invalid", countsFile),
          GroundTruthFiles.count(p, "duplicates", countsFile),
          GroundTruthFiles.count(p, "conflicting_versions", countsFile));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "--groundTruth: cannot read a ledger ground truth in "
              + dir
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
