package io.onceflow.pipelines.ledger;

import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.dedup.Counted;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The ledger's scenarios, written once and run by each runner's test: raw JSON records from a
 * TestStream through {@link ProcessLedger} (parse, hash, dedup, summary, conflicts), with exact
 * expectations of the summary's final pane (all 12 groups), the conflicts, the duplicates, what the
 * dedup counts and the dead letters. The summary's pane interval is an hour, so that no pane fires
 * on a runner's own clock: only a scenario that advances TestStream's processing time sees an early
 * pane (those run on the DirectRunner only; Flink's TestStream does not advance it).
 */
public final class LedgerScenarios {

  public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  /** SHA-256 of {@code TXN00000001|ACC1000|ACC2000|10.5|USD}, computed outside Java. */
  public static final String HASH_10_5 =
      "acf5a81a63884c43bc29aac3a5a44e63ce0b0701b9bac42a5f310068dc22c892";

  /** SHA-256 of {@code TXN00000001|ACC1000|ACC2000|10.50|USD}: the same amount, another text. */
  public static final String HASH_10_50 =
      "0766c09ef518345f52ad9d9a09d07667d82b7c10998338b61b1cbb5d89cdb00b";

  private LedgerScenarios() {}

  /** A record's JSON, {@code minute} minutes after T0. */
  public static String json(
      String id, String to, String amount, String currency, String type, int minute) {
    return String.format(
        Locale.ROOT,
        "{\"transaction_id\":\"%s\",\"account_from\":\"ACC1000\",\"account_to\":\"%s\","
            + "\"amount\":\"%s\",\"currency\":\"%s\",\"transaction_type\":\"%s\","
            + "\"timestamp\":\"%s\"}",
        id,
        to,
        amount,
        currency,
        type,
        T0.plus(Duration.standardMinutes(minute)));
  }

  /** The entry a record parses into, its hash computed by {@link TransactionHash}. */
  public static LedgerEntry entry(String json) {
    try {
      return LedgerJsonParser.parse(json);
    } catch (InvalidLedgerRecordException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static int offset;

  /** The record at its next source position, stamped at T0. */
  public static TimestampedValue<KV<String, String>> at(String json) {
    return TimestampedValue.of(KV.of("financial_transactions/0/" + offset++, json), T0);
  }

  public static TestStream.Builder<KV<String, String>> stream() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .advanceWatermarkTo(T0);
  }

  public static PCollectionTuple process(Pipeline p, TestStream<KV<String, String>> records) {
    return p.apply("Records", records)
        .apply(
            "Ledger",
            ProcessLedger.of(
                LedgerPipeline.NAME, Duration.standardDays(1), 4, Duration.standardHours(1)));
  }

  /**
   * The summary's 12 lines: {@code groups} as "type currency count total", the others at 0; every
   * line covering {@code transactions} ids, in pane {@code pane}.
   */
  public static List<SummaryLine> summary(long transactions, long pane, String... groups) {
    List<SummaryLine> lines = new ArrayList<>();
    for (String type : LedgerJsonParser.TYPES) {
      for (String currency : LedgerJsonParser.CURRENCIES) {
        long count = 0;
        BigDecimal total = new BigDecimal("0.00");
        for (String g : groups) {
          String[] f = g.split(" ");
          if (f[0].equals(type) && f[1].equals(currency)) {
            count = Long.parseLong(f[2]);
            total = new BigDecimal(f[3]);
          }
        }
        lines.add(
            new SummaryLine(
                type,
                currency,
                count,
                total,
                count == 0
                    ? null
                    : total.divide(BigDecimal.valueOf(count), 6, java.math.RoundingMode.HALF_UP),
                transactions,
                pane));
      }
    }
    return lines;
  }

  private static void finalSummary(PCollectionTuple out, List<SummaryLine> expected) {
    PAssert.that(out.get(ProcessLedger.SUMMARY))
        .inFinalPane(GlobalWindow.INSTANCE)
        .containsInAnyOrder(expected);
  }

  // ---- scenarios: each builds its pipeline and its assertions --------------------------------

  /** The same record twice: one row, one duplicate, no conflict. */
  public static void duplicate(Pipeline p) {
    String a = json("TXN00000001", "ACC2000", "100.00", "USD", "payment", 0);
    String b = json("TXN00000002", "ACC3000", "20.00", "EUR", "deposit", 1);
    PCollectionTuple out =
        process(p, stream().addElements(at(a), at(a), at(b)).advanceWatermarkToInfinity());
    finalSummary(out, summary(2, 0, "payment USD 1 100.00", "deposit EUR 1 20.00"));
    PAssert.that(out.get(ProcessLedger.DUPLICATES)).containsInAnyOrder(entry(a));
    PAssert.that(out.get(ProcessLedger.CONFLICTS)).empty();
    PAssert.that(out.get(ProcessLedger.COUNTED))
        .containsInAnyOrder(Counted.count(entry(a)), Counted.count(entry(b)));
  }

  /**
   * Two versions of TXN00000001 that disagree: a payment of 100.00 at minute 0 and a transfer of
   * 250.00 at minute 5 (later: it wins). Whatever the arrival order, the summary counts only the
   * transfer (the payment group falls back to 0), and the conflict lists both, the winner first;
   * what the dedup counts on the way differs by order, exactly as expected.
   */
  public static void conflict(Pipeline p, boolean winnerFirst) {
    String loser = json("TXN00000001", "ACC2000", "100.00", "USD", "payment", 0);
    String winner = json("TXN00000001", "ACC2000", "250.00", "USD", "transfer", 5);
    String other = json("TXN00000002", "ACC3000", "20.00", "EUR", "deposit", 1);
    PCollectionTuple out =
        process(
            p,
            stream()
                .addElements(at(other))
                .addElements(at(winnerFirst ? winner : loser))
                .addElements(at(winnerFirst ? loser : winner))
                .advanceWatermarkToInfinity());
    finalSummary(out, summary(2, 0, "transfer USD 1 250.00", "deposit EUR 1 20.00"));
    PAssert.that(out.get(ProcessLedger.CONFLICTS))
        .containsInAnyOrder(KV.of("TXN00000001", List.of(entry(winner), entry(loser))));
    PAssert.that(out.get(ProcessLedger.DUPLICATES)).empty();
    if (winnerFirst) {
      PAssert.that(out.get(ProcessLedger.COUNTED))
          .containsInAnyOrder(Counted.count(entry(other)), Counted.count(entry(winner)));
    } else {
      PAssert.that(out.get(ProcessLedger.COUNTED))
          .containsInAnyOrder(
              Counted.count(entry(other)),
              Counted.count(entry(loser)),
              Counted.retract(entry(loser)),
              Counted.count(entry(winner)));
    }
  }

  /**
   * A batch delivered twice (a replay): the summary is the batch's once, every copy a duplicate.
   */
  public static void replayedBatch(Pipeline p) {
    List<String> batch = batch();
    TestStream.Builder<KV<String, String>> s = stream();
    for (int replay = 0; replay < 2; replay++) {
      for (String r : batch) {
        s = s.addElements(at(r));
      }
    }
    PCollectionTuple out = process(p, s.advanceWatermarkToInfinity());
    finalSummary(out, summary(3, 0, BATCH_SUMMARY));
    PAssert.that(out.get(ProcessLedger.DUPLICATES))
        .containsInAnyOrder(batch.stream().map(LedgerScenarios::entry).toList());
  }

  /**
   * The same replay after the summary's first pane fired (processing time advanced): the final pane
   * says what the first did; the replay changed nothing but the pane index.
   */
  public static void replayedBatchAfterAPaneFired(Pipeline p) {
    List<String> batch = batch();
    TestStream.Builder<KV<String, String>> s = stream();
    for (String r : batch) {
      s = s.addElements(at(r));
    }
    s = s.advanceProcessingTime(Duration.standardHours(2));
    for (String r : batch) {
      s = s.addElements(at(r));
    }
    PCollectionTuple out = process(p, s.advanceWatermarkToInfinity());
    PAssert.that(out.get(ProcessLedger.SUMMARY))
        .inWindow(GlobalWindow.INSTANCE)
        .containsInAnyOrder(concat(summary(3, 0, BATCH_SUMMARY), summary(3, 1, BATCH_SUMMARY)));
    finalSummary(out, summary(3, 1, BATCH_SUMMARY));
    PAssert.that(out.get(ProcessLedger.DUPLICATES))
        .containsInAnyOrder(batch.stream().map(LedgerScenarios::entry).toList());
  }

  private static final String[] BATCH_SUMMARY = {"payment USD 2 10.02", "withdrawal GBP 1 9999.99"};

  private static List<String> batch() {
    return List.of(
        json("TXN00000001", "ACC2000", "10.01", "USD", "payment", 0),
        json("TXN00000002", "ACC2001", "0.01", "USD", "payment", 1),
        json("TXN00000003", "ACC2002", "9999.99", "GBP", "withdrawal", 2));
  }

  /** Malformed amounts are dead letters with their reason, raw payload and position. */
  public static void malformedAmounts(Pipeline p) {
    String good = json("TXN00000001", "ACC2000", "10.00", "USD", "payment", 0);
    String twoPoints = json("TXN00000002", "ACC2000", "12.3.4", "USD", "payment", 0);
    String threeDecimals = json("TXN00000003", "ACC2000", "10.005", "USD", "payment", 0);
    String number = good.replace("\"10.00\"", "10.00");
    PCollectionTuple out =
        process(
            p,
            stream()
                .addElements(at(good), at(twoPoints), at(threeDecimals), at(number))
                .advanceWatermarkToInfinity());
    finalSummary(out, summary(1, 0, "payment USD 1 10.00"));
    PAssert.that(out.get(ProcessLedger.DEAD_LETTERS))
        .satisfies(
            deadLetters(
                "malformed amount '12.3.4' (digits, optionally a point and decimals)\t" + twoPoints,
                "amount 10.005 has more than 2 decimal places" + "\t" + threeDecimals,
                "amount must be a string, was NUMBER 10.00" + "\t" + number));
  }

  /**
   * "10.5" and "10.50": equal amounts, different hashes, so two versions in conflict; at equal
   * timestamps the greater hash wins ("10.5"'s), and the summary holds 10.50 once.
   */
  public static void hashOfTheAmountAsReceived(Pipeline p) {
    String short_ = json("TXN00000001", "ACC2000", "10.5", "USD", "payment", 0);
    String long_ = json("TXN00000001", "ACC2000", "10.50", "USD", "payment", 0);
    PCollectionTuple out =
        process(p, stream().addElements(at(long_), at(short_)).advanceWatermarkToInfinity());
    finalSummary(out, summary(1, 0, "payment USD 1 10.50"));
    PAssert.that(out.get(ProcessLedger.CONFLICTS))
        .satisfies(
            conflicts -> {
              List<KV<String, List<LedgerEntry>>> all = new ArrayList<>();
              conflicts.forEach(all::add);
              if (all.size() != 1
                  || !all.get(0).getValue().get(0).transactionHash.equals(HASH_10_5)
                  || !all.get(0).getValue().get(1).transactionHash.equals(HASH_10_50)
                  || all.get(0).getValue().size() != 2) {
                throw new AssertionError(
                    "expected one conflict, " + HASH_10_5 + " over " + HASH_10_50 + ": " + all);
              }
              return null;
            });
  }

  private static List<SummaryLine> concat(List<SummaryLine> a, List<SummaryLine> b) {
    List<SummaryLine> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Exactly these dead letters, each "reason TAB raw", from the ledger's parse stage. */
  private static SerializableFunction<Iterable<DeadLetter>, Void> deadLetters(String... expected) {
    return letters -> {
      List<String> seen = new ArrayList<>();
      for (DeadLetter d : letters) {
        if (!d.pipeline.equals(LedgerPipeline.NAME)
            || !d.stage.equals("parse")
            || !d.source.startsWith("financial_transactions/0/")) {
          throw new AssertionError("unexpected origin: " + d);
        }
        seen.add(d.error + "\t" + d.raw);
      }
      List<String> want = new ArrayList<>(List.of(expected));
      seen.sort(null);
      want.sort(null);
      if (!seen.equals(want)) {
        throw new AssertionError("expected dead letters " + want + ", got " + seen);
      }
      return null;
    };
  }
}
