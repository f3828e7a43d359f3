package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.dedup.Counted;
import java.math.BigDecimal;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The late-data scenarios of the flagship aggregation, written once and run by each runner's test:
 * TestStream input, dedup, hourly totals with the default windowing (1 h windows, 2 h lateness,
 * early pane 1 min after a pane's first element, a late pane per late element), and exact pane
 * expectations. Times are minutes after {@link #T0}; the first window is [T0, T0+1h), whose final
 * pane fires when the watermark passes its end plus lateness plus one window of grace. A scenario
 * that asserts an on-time pane moves the watermark past the window's end before moving it to
 * infinity: a single jump past both the end and the window's expiry may legitimately make the
 * on-time pane the final one too.
 */
public final class TransactionTotalsScenarios {

  public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  public static final IntervalWindow W1 = new IntervalWindow(T0, Duration.standardHours(1));
  public static final IntervalWindow W2 = new IntervalWindow(W1.end(), Duration.standardHours(1));

  private TransactionTotalsScenarios() {}

  public static Coder<TransactionEvent> coder() {
    return TransactionEventCoder.of();
  }

  /** A transaction {@code minute} minutes after T0, processed at the same time. */
  public static TimestampedValue<TransactionEvent> txn(
      String id, String customer, String amount, int minute) {
    return txn(id, customer, amount, minute, minute, "SUCCESS");
  }

  public static TimestampedValue<TransactionEvent> txn(
      String id, String customer, String amount, int minute, int processedMinute, String status) {
    Instant at = T0.plus(Duration.standardMinutes(minute));
    return TimestampedValue.of(
        new TransactionEvent(
            at,
            T0.plus(Duration.standardMinutes(processedMinute)),
            id,
            customer,
            new BigDecimal(amount),
            status),
        at);
  }

  public static Instant minute(int m) {
    return T0.plus(Duration.standardMinutes(m));
  }

  public static CustomerHourlyTotal pane(
      IntervalWindow w,
      String customer,
      String total,
      long count,
      long index,
      String timing,
      boolean isFinal) {
    return new CustomerHourlyTotal(
        w.start(), w.end(), customer, new BigDecimal(total), count, index, timing, isFinal);
  }

  /**
   * Runs dedup and aggregation over a TestStream; returns totals (TOTALS) and too-late (TOO_LATE).
   */
  public static PCollectionTuple aggregate(Pipeline p, TestStream<TransactionEvent> events) {
    return aggregate(p.apply("Events", events));
  }

  /** Dedup and aggregation, as the scenarios run them, over any source of events. */
  public static PCollectionTuple aggregate(PCollection<TransactionEvent> input) {
    PCollectionTuple deduped =
        input.apply("Dedup", DeduplicateTransactions.withRetention(Duration.standardDays(1)));
    return deduped
        .get(DeduplicateTransactions.COUNTED)
        .apply("HourlyTotals", HourlyCustomerTotals.of(HourlyCustomerTotals.DEFAULT_WINDOWING));
  }

  public static TestStream.Builder<TransactionEvent> stream() {
    return TestStream.create(coder()).advanceWatermarkTo(T0);
  }

  // ---- scenarios: each builds its pipeline and its assertions --------------------------------

  public static void onTimeOnly(Pipeline p) {
    PCollection<CustomerHourlyTotal> totals =
        aggregate(
                p,
                stream()
                    .addElements(txn("t1", "alice", "10.00", 10), txn("t2", "alice", "5.00", 20))
                    .advanceWatermarkTo(minute(60))
                    .advanceWatermarkToInfinity())
            .get(HourlyCustomerTotals.TOTALS);
    PAssert.that(totals)
        .inOnTimePane(W1)
        .containsInAnyOrder(pane(W1, "alice", "15.00", 2, 0, "ON_TIME", false));
    PAssert.that(totals)
        .inFinalPane(W1)
        .containsInAnyOrder(pane(W1, "alice", "15.00", 2, 1, "LATE", true));
  }

  public static void earlyPanes(Pipeline p) {
    PCollection<CustomerHourlyTotal> totals =
        aggregate(
                p,
                stream()
                    .addElements(txn("t1", "alice", "10.00", 10))
                    .advanceProcessingTime(Duration.standardMinutes(2))
                    .addElements(txn("t2", "alice", "5.00", 20))
                    .advanceWatermarkTo(minute(60))
                    .advanceWatermarkToInfinity())
            .get(HourlyCustomerTotals.TOTALS);
    PAssert.that(totals)
        .inEarlyPane(W1)
        .containsInAnyOrder(pane(W1, "alice", "10.00", 1, 0, "EARLY", false));
    PAssert.that(totals)
        .inOnTimePane(W1)
        .containsInAnyOrder(pane(W1, "alice", "15.00", 2, 1, "ON_TIME", false));
    PAssert.that(totals)
        .inFinalPane(W1)
        .containsInAnyOrder(pane(W1, "alice", "15.00", 2, 2, "LATE", true));
  }

  public static void lateWithinLateness(Pipeline p) {
    PCollection<CustomerHourlyTotal> totals =
        aggregate(
                p,
                stream()
                    .addElements(txn("t1", "alice", "10.00", 10))
                    .advanceWatermarkTo(minute(90))
                    .addElements(txn("t2", "alice", "8.00", 30))
                    .advanceWatermarkToInfinity())
            .get(HourlyCustomerTotals.TOTALS);
    PAssert.that(totals)
        .inWindow(W1)
        .containsInAnyOrder(
            pane(W1, "alice", "10.00", 1, 0, "ON_TIME", false),
            pane(W1, "alice", "18.00", 2, 1, "LATE", false),
            pane(W1, "alice", "18.00", 2, 2, "LATE", true));
    PAssert.that(totals)
        .inFinalPane(W1)
        .containsInAnyOrder(pane(W1, "alice", "18.00", 2, 2, "LATE", true));
  }

  public static PCollectionTuple droppablyLate(Pipeline p) {
    PCollectionTuple out =
        aggregate(
            p,
            stream()
                .addElements(txn("t1", "alice", "10.00", 10))
                .advanceWatermarkTo(minute(190))
                .addElements(txn("t9", "alice", "99.00", 40))
                .advanceWatermarkToInfinity());
    PAssert.that(out.get(HourlyCustomerTotals.TOTALS))
        .inWindow(W1)
        .containsInAnyOrder(
            pane(W1, "alice", "10.00", 1, 0, "ON_TIME", false),
            pane(W1, "alice", "10.00", 1, 1, "LATE", true));
    PAssert.that(out.get(HourlyCustomerTotals.TOO_LATE))
        .containsInAnyOrder(Counted.count(txn("t9", "alice", "99.00", 40).getValue()));
    return out;
  }

  public static void duplicateInSamePane(Pipeline p) {
    PCollectionTuple deduped =
        p.apply(
                "Events",
                stream()
                    .addElements(
                        txn("t1", "alice", "10.00", 10),
                        txn("t1", "alice", "10.00", 10),
                        txn("t2", "alice", "1.00", 11))
                    .advanceWatermarkTo(minute(60))
                    .advanceWatermarkToInfinity())
            .apply("Dedup", DeduplicateTransactions.withRetention(Duration.standardDays(1)));
    PCollection<CustomerHourlyTotal> totals =
        deduped
            .get(DeduplicateTransactions.COUNTED)
            .apply("HourlyTotals", HourlyCustomerTotals.of(HourlyCustomerTotals.DEFAULT_WINDOWING))
            .get(HourlyCustomerTotals.TOTALS);
    PAssert.that(totals)
        .inOnTimePane(W1)
        .containsInAnyOrder(pane(W1, "alice", "11.00", 2, 0, "ON_TIME", false));
    PAssert.that(deduped.get(DeduplicateTransactions.DUPLICATES))
        .containsInAnyOrder(txn("t1", "alice", "10.00", 10).getValue());
  }

  public static void duplicateAfterPaneFired(Pipeline p) {
    PCollection<CustomerHourlyTotal> totals =
        aggregate(
                p,
                stream()
                    .addElements(txn("t1", "alice", "10.00", 10))
                    .advanceWatermarkTo(minute(70))
                    .addElements(txn("t1", "alice", "10.00", 10))
                    .advanceWatermarkToInfinity())
            .get(HourlyCustomerTotals.TOTALS);
    PAssert.that(totals)
        .inWindow(W1)
        .containsInAnyOrder(
            pane(W1, "alice", "10.00", 1, 0, "ON_TIME", false),
            pane(W1, "alice", "10.00", 1, 1, "LATE", true));
  }

  /**
   * Two versions of t1 disagree: v1 (alice, W1, 10.00, processed at minute 15) and v2 (bob, W2,
   * 12.00, processed at minute 70, so it wins). Whatever the order they arrive in, alice's W1 ends
   * with only t2 and bob's W2 with 12.00.
   */
  public static void conflictingDuplicates(Pipeline p, boolean winnerFirst) {
    TimestampedValue<TransactionEvent> v1 = txn("t1", "alice", "10.00", 5, 15, "SUCCESS");
    TimestampedValue<TransactionEvent> v2 = txn("t1", "bob", "12.00", 65, 70, "SUCCESS");
    PCollection<CustomerHourlyTotal> totals =
        aggregate(
                p,
                stream()
                    .addElements(txn("t2", "alice", "1.00", 20))
                    .addElements(winnerFirst ? v2 : v1)
                    .addElements(winnerFirst ? v1 : v2)
                    // A retraction is late data by construction (it targets an earlier window); it
                    // must
                    // reach its window within the lateness, so the watermark steps rather than
                    // jumps
                    // past every window's expiry while retractions may be in flight.
                    .advanceWatermarkTo(minute(130))
                    .advanceWatermarkToInfinity())
            .get(HourlyCustomerTotals.TOTALS);
    PAssert.that(totals).inFinalPane(W1).satisfies(everyPaneIs("alice", "1.00", 1));
    PAssert.that(totals).inFinalPane(W2).satisfies(everyPaneIs("bob", "12.00", 1));
  }

  public static void outOfOrderSeveralCustomersAndWindowsAndBoundary(Pipeline p) {
    PCollection<CustomerHourlyTotal> totals =
        aggregate(
                p,
                stream()
                    .addElements(
                        txn("t3", "alice", "3.00", 50),
                        txn("t1", "alice", "1.00", 10),
                        txn("t4", "alice", "4.00", 60), // exactly at the boundary: second window
                        txn("t2", "bob", "2.00", 30),
                        txn("t5", "bob", "5.00", 119),
                        txn("t6", "carol", "6.00", 59, 59, "FAILED"))
                    .advanceWatermarkTo(minute(120))
                    .advanceWatermarkToInfinity())
            .get(HourlyCustomerTotals.TOTALS);
    PAssert.that(totals)
        .inOnTimePane(W1)
        .containsInAnyOrder(
            pane(W1, "alice", "4.00", 2, 0, "ON_TIME", false),
            pane(W1, "bob", "2.00", 1, 0, "ON_TIME", false));
    PAssert.that(totals)
        .inOnTimePane(W2)
        .containsInAnyOrder(
            pane(W2, "alice", "4.00", 1, 0, "ON_TIME", false),
            pane(W2, "bob", "5.00", 1, 0, "ON_TIME", false));
  }

  /** 0.10 + 0.20 is 0.30000000000000004 in double; the total must be 0.30 exactly. */
  public static void moneyThatDoubleGetsWrong(Pipeline p) {
    PCollection<CustomerHourlyTotal> totals =
        aggregate(
                p,
                stream()
                    .addElements(txn("t1", "alice", "0.10", 10), txn("t2", "alice", "0.20", 20))
                    .advanceWatermarkTo(minute(60))
                    .advanceWatermarkToInfinity())
            .get(HourlyCustomerTotals.TOTALS);
    PAssert.that(totals).inOnTimePane(W1).satisfies(everyPaneIs("alice", "0.30", 2));
  }

  /**
   * Every pane is the customer's, with exactly this total (compared with {@code equals}, so the
   * scale must be 2 as well) and count; fails on none too, so a missing pane cannot pass.
   */
  private static org.apache.beam.sdk.transforms.SerializableFunction<
          Iterable<CustomerHourlyTotal>, Void>
      everyPaneIs(String customer, String total, long count) {
    return panes -> {
      int seen = 0;
      for (CustomerHourlyTotal t : panes) {
        seen++;
        if (!t.customerId.equals(customer)
            || !t.totalAmount.equals(new BigDecimal(total))
            || t.txnCount != count) {
          throw new AssertionError(
              "expected " + customer + " " + total + " x" + count + ", got " + t);
        }
      }
      if (seen == 0) {
        throw new AssertionError("expected a pane for " + customer + ", got none");
      }
      return null;
    };
  }
}
