package io.onceflow.transforms.dedup;

import io.onceflow.transforms.TaggedOutputs;
import io.onceflow.transforms.metrics.MetricNames;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
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
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Counts each key once, however often and however late it is delivered: the element's own key (a
 * {@code txn_id}, a {@code (message_id, event_type, channel)}), and the caller's rule for which
 * version to keep ({@link DedupRule}: keep-best or keep-first).
 *
 * <p>Design, chosen to hold on Direct, Flink and Spark streaming alike: a stateful DoFn in the
 * global window keeps, per key, the version kept so far. An exact duplicate is dropped and counted.
 * A version that disagrees is reported as a {@link Conflict} (or, by a keep-first rule, as a
 * duplicate); if it beats the kept version, it is emitted together with a <em>retraction</em> of
 * the beaten one, which an aggregation applies in the beaten version's window, so the totals end up
 * holding the winner whatever the arrival order. A version that loses is not emitted at all.
 *
 * <p>State is keyed by a <em>shard</em> of the key ({@code String.hashCode}, stable across JVMs and
 * restarts), each holding a map from key to its kept version, rather than by the key itself: a key
 * with a timer costs every runner something per key, not per element. Measured: the DirectRunner
 * scans every key with a timer each time it looks for fired timers, and Spark's streaming runner
 * visits every key that ever had a timer in every micro-batch, so one key per element made both
 * slow down as the stream went on.
 *
 * <p>Expiry is by two generations of maps per shard, rotated by one <em>processing-time</em> timer
 * every {@code retention}: a rotation drops the older generation and starts a new one. A version is
 * therefore remembered at least {@code retention} and at most twice that after it was first kept.
 * Processing time because Spark's streaming runner has no event-time timers, and processing time is
 * what bounds how long a replayed duplicate can trail its original. Retention must exceed the
 * window size plus allowed lateness plus the longest replay, or a duplicate arriving after it
 * expires is counted again.
 *
 * <p>A retraction is late data by construction: it is stamped with the beaten version's event time
 * ({@code eventTime}), behind the watermark that let the winner through. It is applied if it
 * reaches its window before the window expires (allowed lateness plus the aggregation's grace); a
 * winner that arrives after the loser's window expired cannot take the loser out of that window's
 * total, which stays as it was (the conflict is still reported). Measured on the DirectRunner: a
 * watermark that jumps past every expiry while retractions are in flight can also let a retraction
 * open a fresh, retraction-only state for an expired window; steady watermarks (every real source)
 * do not.
 */
public final class Deduplicate<T> extends PTransform<PCollection<T>, PCollectionTuple> {

  /**
   * Enough shards to spread state over any cluster's parallelism and keep each shard's map small
   * (Spark's runner reads and writes a map state whole), few enough for the per-key timer costs.
   */
  public static final int DEFAULT_SHARDS = 4096;

  private final TupleTag<Counted<T>> counted = new TupleTag<>() {};
  private final TupleTag<T> duplicates = new TupleTag<>() {};
  private final TupleTag<Conflict<T>> conflicts = new TupleTag<>() {};

  private final SerializableFunction<T, String> key;
  private final SerializableFunction<T, Instant> eventTime;
  private final DedupRule<T> rule;
  private final Duration retention;
  private final int shards;

  private Deduplicate(
      SerializableFunction<T, String> key,
      SerializableFunction<T, Instant> eventTime,
      DedupRule<T> rule,
      Duration retention,
      int shards) {
    this.key = key;
    this.eventTime = eventTime;
    this.rule = rule;
    this.retention = retention;
    this.shards = shards;
  }

  /**
   * Dedup by {@code key} with {@code rule}, remembering a key at least {@code retention}; every
   * output carries its element's {@code eventTime}.
   */
  public static <T> Deduplicate<T> by(
      SerializableFunction<T, String> key,
      SerializableFunction<T, Instant> eventTime,
      DedupRule<T> rule,
      Duration retention) {
    if (retention.getMillis() <= 0) {
      throw new IllegalArgumentException("dedup retention must be positive, was " + retention);
    }
    return new Deduplicate<>(key, eventTime, rule, retention, DEFAULT_SHARDS);
  }

  /** How many keys the state is spread over; changing it starts from fresh state. */
  public Deduplicate<T> withShards(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("dedup shards must be at least 1, was " + shards);
    }
    return new Deduplicate<>(key, eventTime, rule, retention, shards);
  }

  /** Each kept version, and a retraction of each version that a later one beat. */
  public TupleTag<Counted<T>> counted() {
    return counted;
  }

  /** Exact copies of a kept version (and, by a keep-first rule, every later occurrence). */
  public TupleTag<T> duplicates() {
    return duplicates;
  }

  /** Versions that disagree, with the one kept (keep-best rules only). */
  public TupleTag<Conflict<T>> conflicts() {
    return conflicts;
  }

  @Override
  public PCollectionTuple expand(PCollection<T> elements) {
    Coder<T> coder = elements.getCoder();
    int shardCount = shards;
    SerializableFunction<T, String> keyOf = key;
    PCollectionTuple out =
        elements
            .apply("GlobalWindow", Window.<T>into(new GlobalWindows()))
            .apply(
                "KeyByShard",
                WithKeys.of((T e) -> Math.floorMod(keyOf.apply(e).hashCode(), shardCount))
                    .withKeyType(TypeDescriptors.integers()))
            .apply(
                "KeepOneVersion",
                TaggedOutputs.parDo(
                    new KeepOneVersionFn<>(this, coder), counted, duplicates, conflicts));
    out.get(counted).setCoder(CountedCoder.of(coder));
    out.get(duplicates).setCoder(coder);
    out.get(conflicts).setCoder(ConflictCoder.of(coder));
    return out;
  }

  private static final class KeepOneVersionFn<T> extends DoFn<KV<Integer, T>, Void> {

    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, Instant> eventTime;
    private final DedupRule<T> rule;
    private final Duration retention;
    private final TupleTag<Counted<T>> counted;
    private final TupleTag<T> duplicates;
    private final TupleTag<Conflict<T>> conflicts;
    private final Counter duplicateCount =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.DUPLICATES);
    private final Counter conflictCount =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.CONFLICTS);

    // Generation n keeps its versions in "even" or "odd" by n's parity; the other map holds
    // generation n - 1.
    @StateId("generation")
    private final StateSpec<ValueState<Long>> generationSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("even")
    private final StateSpec<MapState<String, T>> evenSpec;

    @StateId("odd")
    private final StateSpec<MapState<String, T>> oddSpec;

    @StateId("rotationSet")
    private final StateSpec<ValueState<Boolean>> rotationSetSpec =
        StateSpecs.value(BooleanCoder.of());

    @TimerId("rotate")
    private final TimerSpec rotateSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    KeepOneVersionFn(Deduplicate<T> spec, Coder<T> coder) {
      this.key = spec.key;
      this.eventTime = spec.eventTime;
      this.rule = spec.rule;
      this.retention = spec.retention;
      this.counted = spec.counted;
      this.duplicates = spec.duplicates;
      this.conflicts = spec.conflicts;
      this.evenSpec = StateSpecs.map(StringUtf8Coder.of(), coder);
      this.oddSpec = StateSpecs.map(StringUtf8Coder.of(), coder);
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, T> element,
        @StateId("generation") ValueState<Long> generation,
        @StateId("even") MapState<String, T> even,
        @StateId("odd") MapState<String, T> odd,
        @StateId("rotationSet") ValueState<Boolean> rotationSet,
        @TimerId("rotate") Timer rotate,
        MultiOutputReceiver out) {
      T incoming = element.getValue();
      String k = key.apply(incoming);
      boolean evenIsNewer = isEven(generation);
      MapState<String, T> newer = evenIsNewer ? even : odd;
      MapState<String, T> older = evenIsNewer ? odd : even;
      T kept = newer.get(k).read();
      if (kept == null) {
        kept = older.get(k).read();
      }
      if (kept == null) {
        newer.put(k, incoming);
        scheduleRotation(rotationSet, rotate);
        out.get(counted).outputWithTimestamp(Counted.count(incoming), eventTime.apply(incoming));
        return;
      }
      int cmp = rule.compare(incoming, kept);
      if (cmp == 0) {
        duplicateCount.inc();
        out.get(duplicates).outputWithTimestamp(incoming, eventTime.apply(incoming));
      } else if (cmp > 0) {
        newer.put(k, incoming);
        scheduleRotation(rotationSet, rotate);
        beaten(k, incoming, kept, incoming, out);
        out.get(counted).outputWithTimestamp(Counted.retract(kept), eventTime.apply(kept));
        out.get(counted).outputWithTimestamp(Counted.count(incoming), eventTime.apply(incoming));
      } else {
        beaten(k, kept, incoming, incoming, out);
      }
    }

    /**
     * Reports the version that lost to the one kept, as the rule calls it: a conflict at the time
     * of the version that made it, or a duplicate at its own time.
     */
    private void beaten(String k, T winner, T loser, T incoming, MultiOutputReceiver out) {
      if (rule.reportsConflicts()) {
        conflictCount.inc();
        out.get(conflicts)
            .outputWithTimestamp(new Conflict<>(k, winner, loser), eventTime.apply(incoming));
      } else {
        duplicateCount.inc();
        out.get(duplicates).outputWithTimestamp(loser, eventTime.apply(loser));
      }
    }

    @OnTimer("rotate")
    public void rotate(
        @StateId("generation") ValueState<Long> generation,
        @StateId("even") MapState<String, T> even,
        @StateId("odd") MapState<String, T> odd,
        @StateId("rotationSet") ValueState<Boolean> rotationSet,
        @TimerId("rotate") Timer rotate) {
      boolean evenWasNewer = isEven(generation);
      MapState<String, T> expiring = evenWasNewer ? odd : even;
      MapState<String, T> nowOlder = evenWasNewer ? even : odd;
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
