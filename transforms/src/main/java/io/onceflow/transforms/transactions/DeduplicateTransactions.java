package io.onceflow.transforms.transactions;

import io.onceflow.transforms.TaggedOutputs;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.MapState;
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
 * <p>Design, chosen to hold on Direct, Flink and Spark streaming alike: a stateful DoFn in the
 * global window keeps, per {@code txn_id}, the best version seen so far ({@link
 * TransactionVersion#ORDER}). An exact duplicate is dropped and counted. A version that disagrees
 * is reported as a {@link TransactionConflict}; if it beats the kept version, it is emitted
 * together with a <em>retraction</em> of the beaten one, which the aggregation applies in the
 * beaten version's window, so the totals end up holding the winner whatever the arrival order. A
 * version that loses is not emitted at all.
 *
 * <p>State is keyed by a <em>shard</em> of the {@code txn_id} ({@code String.hashCode}, stable
 * across JVMs and restarts), each holding a map from {@code txn_id} to its kept version, rather
 * than by the {@code txn_id} itself: a key with a timer costs every runner something per key, not
 * per element. Measured: the DirectRunner scans every key with a timer each time it looks for fired
 * timers, and Spark's streaming runner visits every key that ever had a timer in every micro-batch,
 * so one key per transaction made both slow down as the stream went on.
 *
 * <p>Expiry is by two generations of maps per shard, rotated by one <em>processing-time</em> timer
 * every {@code retention}: a rotation drops the older generation and starts a new one. A version is
 * therefore remembered at least {@code retention} and at most twice that after it was first kept.
 * Processing time because Spark's streaming runner has no event-time timers, and processing time is
 * what bounds how long a replayed duplicate can trail its original. Retention must exceed the
 * window size plus allowed lateness plus the longest replay, or a duplicate arriving after it
 * expires is counted again.
 *
 * <p>A retraction is late data by construction: it is stamped with the beaten version's event time,
 * behind the watermark that let the winner through. It is applied if it reaches its window before
 * the window expires (allowed lateness plus the aggregation's grace); a winner that arrives after
 * the loser's window expired cannot take the loser out of that window's total, which stays as it
 * was (the conflict is still reported). Measured on the DirectRunner: a watermark that jumps past
 * every expiry while retractions are in flight can also let a retraction open a fresh,
 * retraction-only state for an expired window; steady watermarks (every real source) do not.
 */
public final class DeduplicateTransactions
    extends PTransform<PCollection<TransactionEvent>, PCollectionTuple> {

  public static final TupleTag<CountedTransaction> COUNTED = new TupleTag<>() {};
  public static final TupleTag<TransactionEvent> DUPLICATES = new TupleTag<>() {};
  public static final TupleTag<TransactionConflict> CONFLICTS = new TupleTag<>() {};

  /**
   * Enough shards to spread state over any cluster's parallelism and keep each shard's map small
   * (Spark's runner reads and writes a map state whole), few enough for the per-key timer costs.
   */
  public static final int DEFAULT_SHARDS = 4096;

  private final Duration retention;
  private final int shards;

  private DeduplicateTransactions(Duration retention, int shards) {
    this.retention = retention;
    this.shards = shards;
  }

  public static DeduplicateTransactions withRetention(Duration retention) {
    if (retention.getMillis() <= 0) {
      throw new IllegalArgumentException("dedup retention must be positive, was " + retention);
    }
    return new DeduplicateTransactions(retention, DEFAULT_SHARDS);
  }

  /** How many keys the state is spread over; changing it starts from fresh state. */
  public DeduplicateTransactions withShards(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("dedup shards must be at least 1, was " + shards);
    }
    return new DeduplicateTransactions(retention, shards);
  }

  @Override
  public PCollectionTuple expand(PCollection<TransactionEvent> events) {
    int shardCount = shards;
    return events
        .apply("GlobalWindow", Window.<TransactionEvent>into(new GlobalWindows()))
        .apply(
            "KeyByTxnIdShard",
            WithKeys.of((TransactionEvent e) -> Math.floorMod(e.txnId.hashCode(), shardCount))
                .withKeyType(TypeDescriptors.integers()))
        .apply(
            "KeepBestVersion",
            TaggedOutputs.parDo(new KeepBestVersionFn(retention), COUNTED, DUPLICATES, CONFLICTS));
  }

  private static final class KeepBestVersionFn extends DoFn<KV<Integer, TransactionEvent>, Void> {

    private final Duration retention;
    private final Counter duplicates = Metrics.counter(DeduplicateTransactions.class, "duplicates");
    private final Counter conflicts = Metrics.counter(DeduplicateTransactions.class, "conflicts");

    // Generation n keeps its versions in "even" or "odd" by n's parity; the other map holds
    // generation n - 1.
    @StateId("generation")
    private final StateSpec<ValueState<Long>> generationSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("even")
    private final StateSpec<MapState<String, TransactionEvent>> evenSpec =
        StateSpecs.map(StringUtf8Coder.of(), TransactionEventCoder.of());

    @StateId("odd")
    private final StateSpec<MapState<String, TransactionEvent>> oddSpec =
        StateSpecs.map(StringUtf8Coder.of(), TransactionEventCoder.of());

    @StateId("rotationSet")
    private final StateSpec<ValueState<Boolean>> rotationSetSpec =
        StateSpecs.value(BooleanCoder.of());

    @TimerId("rotate")
    private final TimerSpec rotateSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    KeepBestVersionFn(Duration retention) {
      this.retention = retention;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, TransactionEvent> element,
        @StateId("generation") ValueState<Long> generation,
        @StateId("even") MapState<String, TransactionEvent> even,
        @StateId("odd") MapState<String, TransactionEvent> odd,
        @StateId("rotationSet") ValueState<Boolean> rotationSet,
        @TimerId("rotate") Timer rotate,
        MultiOutputReceiver out) {
      TransactionEvent incoming = element.getValue();
      boolean evenIsNewer = isEven(generation);
      MapState<String, TransactionEvent> newer = evenIsNewer ? even : odd;
      MapState<String, TransactionEvent> older = evenIsNewer ? odd : even;
      TransactionEvent kept = newer.get(incoming.txnId).read();
      if (kept == null) {
        kept = older.get(incoming.txnId).read();
      }
      if (kept == null) {
        newer.put(incoming.txnId, incoming);
        scheduleRotation(rotationSet, rotate);
        out.get(COUNTED)
            .outputWithTimestamp(CountedTransaction.count(incoming), incoming.eventTime);
      } else if (TransactionVersion.sameVersion(kept, incoming)) {
        duplicates.inc();
        out.get(DUPLICATES).outputWithTimestamp(incoming, incoming.eventTime);
      } else if (TransactionVersion.ORDER.compare(incoming, kept) > 0) {
        conflicts.inc();
        newer.put(incoming.txnId, incoming);
        scheduleRotation(rotationSet, rotate);
        out.get(CONFLICTS)
            .outputWithTimestamp(
                new TransactionConflict(incoming.txnId, incoming, kept), incoming.eventTime);
        out.get(COUNTED).outputWithTimestamp(CountedTransaction.retract(kept), kept.eventTime);
        out.get(COUNTED)
            .outputWithTimestamp(CountedTransaction.count(incoming), incoming.eventTime);
      } else {
        conflicts.inc();
        out.get(CONFLICTS)
            .outputWithTimestamp(
                new TransactionConflict(incoming.txnId, kept, incoming), incoming.eventTime);
      }
    }

    @OnTimer("rotate")
    public void rotate(
        @StateId("generation") ValueState<Long> generation,
        @StateId("even") MapState<String, TransactionEvent> even,
        @StateId("odd") MapState<String, TransactionEvent> odd,
        @StateId("rotationSet") ValueState<Boolean> rotationSet,
        @TimerId("rotate") Timer rotate) {
      boolean evenWasNewer = isEven(generation);
      MapState<String, TransactionEvent> expiring = evenWasNewer ? odd : even;
      MapState<String, TransactionEvent> nowOlder = evenWasNewer ? even : odd;
      expiring.clear();
      Long current = generation.read();
      generation.write(current == null ? 1L : current + 1);
      // A shard with nothing left to expire sets no timer until its next version arrives, so an
      // idle shard costs nothing and a finished input lets the pipeline end.
      if (Boolean.TRUE.equals(nowOlder.isEmpty().read())) {
        rotationSet.clear();
      } else {
        setRotation(rotate);
      }
    }

    private static boolean isEven(ValueState<Long> generation) {
      Long current = generation.read();
      return current == null || current % 2 == 0;
    }

    private void scheduleRotation(ValueState<Boolean> rotationSet, Timer rotate) {
      // Setting the timer again would move it: a busy shard would never rotate.
      if (!Boolean.TRUE.equals(rotationSet.read())) {
        setRotation(rotate);
        rotationSet.write(true);
      }
    }

    private void setRotation(Timer rotate) {
      // Without withNoOutputTimestamp the timer would hold this step's output watermark for the
      // whole retention, and no window downstream would ever close.
      rotate.withNoOutputTimestamp().offset(retention).setRelative();
    }

    /**
     * A retraction goes out with the beaten version's (earlier) event time, to reach its window.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
