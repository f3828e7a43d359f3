package io.onceflow.transforms.transactions;

import io.onceflow.transforms.TaggedOutputs;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Counts each {@code txn_id} once, however often and however late it is delivered.
 *
 * <p>Design, chosen to hold on Direct, Flink and Spark streaming alike: a stateful DoFn keyed by
 * {@code txn_id} in the global window keeps the best version seen so far
 * ({@link TransactionVersion#ORDER}). An exact duplicate is dropped and counted. A version that
 * disagrees is reported as a {@link TransactionConflict}; if it beats the kept version, it is
 * emitted together with a <em>retraction</em> of the beaten one, which the aggregation applies in
 * the beaten version's window, so the totals end up holding the winner whatever the arrival order.
 * A version that loses is not emitted at all. State is cleared by a <em>processing-time</em> timer
 * after {@code retention}: Spark's streaming runner has no event-time timers, and processing time
 * is what bounds how long a replayed duplicate can trail its original. Retention must exceed the
 * window size plus allowed lateness plus the longest replay, or a duplicate arriving after it
 * expires is counted again.
 *
 * <p>A retraction is late data by construction: it is stamped with the beaten version's event
 * time, behind the watermark that let the winner through. It is applied if it reaches its window
 * before the window expires (allowed lateness plus the aggregation's grace); a winner that arrives
 * after the loser's window expired cannot take the loser out of that window's total, which stays
 * as it was (the conflict is still reported). Measured on the DirectRunner: a watermark that jumps
 * past every expiry while retractions are in flight can also let a retraction open a fresh,
 * retraction-only state for an expired window; steady watermarks (every real source) do not.
 */
public final class DeduplicateTransactions extends PTransform<PCollection<TransactionEvent>, PCollectionTuple> {

  public static final TupleTag<CountedTransaction> COUNTED = new TupleTag<>() {};
  public static final TupleTag<TransactionEvent> DUPLICATES = new TupleTag<>() {};
  public static final TupleTag<TransactionConflict> CONFLICTS = new TupleTag<>() {};

  private final Duration retention;

  private DeduplicateTransactions(Duration retention) {
    this.retention = retention;
  }

  public static DeduplicateTransactions withRetention(Duration retention) {
    if (retention.getMillis() <= 0) {
      throw new IllegalArgumentException("dedup retention must be positive, was " + retention);
    }
    return new DeduplicateTransactions(retention);
  }

  @Override
  public PCollectionTuple expand(PCollection<TransactionEvent> events) {
    return events
        .apply("GlobalWindow", Window.<TransactionEvent>into(new GlobalWindows()))
        .apply("KeyByTxnId", WithKeys.of((TransactionEvent e) -> e.txnId).withKeyType(TypeDescriptors.strings()))
        .apply(
            "KeepBestVersion",
            TaggedOutputs.parDo(new KeepBestVersionFn(retention), COUNTED, DUPLICATES, CONFLICTS));
  }

  private static final class KeepBestVersionFn extends DoFn<KV<String, TransactionEvent>, Void> {

    private final Duration retention;
    private final Counter duplicates = Metrics.counter(DeduplicateTransactions.class, "duplicates");
    private final Counter conflicts = Metrics.counter(DeduplicateTransactions.class, "conflicts");

    @StateId("best")
    private final StateSpec<ValueState<TransactionEvent>> bestSpec = StateSpecs.value();

    @TimerId("expire")
    private final TimerSpec expireSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    KeepBestVersionFn(Duration retention) {
      this.retention = retention;
    }

    @ProcessElement
    public void process(
        @Element KV<String, TransactionEvent> element,
        @StateId("best") ValueState<TransactionEvent> best,
        @TimerId("expire") Timer expire,
        MultiOutputReceiver out) {
      TransactionEvent incoming = element.getValue();
      TransactionEvent kept = best.read();
      if (kept == null) {
        best.write(incoming);
        // Without withNoOutputTimestamp the timer would hold this step's output watermark at the
        // element's event time for the whole retention, and no window downstream would ever close.
        expire.withNoOutputTimestamp().offset(retention).setRelative();
        out.get(COUNTED).outputWithTimestamp(CountedTransaction.count(incoming), incoming.eventTime);
      } else if (TransactionVersion.sameVersion(kept, incoming)) {
        duplicates.inc();
        out.get(DUPLICATES).outputWithTimestamp(incoming, incoming.eventTime);
      } else if (TransactionVersion.ORDER.compare(incoming, kept) > 0) {
        conflicts.inc();
        best.write(incoming);
        out.get(CONFLICTS).outputWithTimestamp(new TransactionConflict(incoming.txnId, incoming, kept), incoming.eventTime);
        out.get(COUNTED).outputWithTimestamp(CountedTransaction.retract(kept), kept.eventTime);
        out.get(COUNTED).outputWithTimestamp(CountedTransaction.count(incoming), incoming.eventTime);
      } else {
        conflicts.inc();
        out.get(CONFLICTS).outputWithTimestamp(new TransactionConflict(incoming.txnId, kept, incoming), incoming.eventTime);
      }
    }

    @OnTimer("expire")
    public void expire(@StateId("best") ValueState<TransactionEvent> best) {
      best.clear();
    }

    /** A retraction goes out with the beaten version's (earlier) event time, to reach its window. */
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
