package io.onceflow.transforms.windowing;

import io.onceflow.transforms.TaggedOutputs;
import io.onceflow.transforms.metrics.MetricNames;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.Window.ClosingBehavior;
import org.apache.beam.sdk.transforms.windowing.Window.OnTimeBehavior;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Separates elements whose window has closed (event time beyond the allowed lateness) from the
 * rest, so that they are counted and kept rather than dropped without a trace by the GroupByKey,
 * which is all Beam does with them. Typed by its caller: any element, with its event time and a key
 * to spread the work over.
 *
 * <p>A DoFn cannot read the watermark and Spark streaming has no event-time timers, but every
 * runner's GroupByKey labels each pane with where the watermark stood when it fired. So each
 * element goes through a GroupByKey of its own: its window is the fixed window stretched by the
 * allowed lateness ({@link ExpiryWindows}), and the trigger fires for every element. A pane that
 * fires before the watermark passes that window's end is {@code EARLY}: its elements are in time.
 * Any other pane fired after the aggregation's window closed: too late. The aggregation drops by
 * the same rule (window end + lateness behind the watermark), and on Direct and Flink an element is
 * judged here before the aggregation's watermark can move past it, so the two never disagree. On
 * Spark streaming a stage may read the watermark one micro-batch late (measured: an element judged
 * against the previous batch's watermark), so the aggregation must keep its windows one window size
 * longer ({@link EventTimeWindowing#window} with that grace); a watermark jump larger than that
 * within one batch is the remaining gap, counted by Beam's {@code droppedDueToLateness}.
 *
 * <p>Keys are shards of the caller's key, so the state kept per window is a few bytes per shard. It
 * is never dropped ({@link #RETENTION}): an element of any age is judged, so a straggler months
 * late still reaches the too-late output instead of being dropped by this GroupByKey and counted
 * only in Beam's own {@code droppedDueToLateness} (with a week's retention, that was a straggler in
 * the ledger and in neither the totals nor the too-late table). What that keeps is one pane's
 * bookkeeping (pane index, trigger count) and one garbage-collection timer per shard and window
 * ever seen; measured in docs/PROFILING.md.
 *
 * <p>Fixed windows only: an element of sliding or session windows has no single window whose close
 * makes it too late.
 */
public final class SplitTooLate<T> extends PTransform<PCollection<T>, PCollectionTuple> {

  private final TupleTag<T> inTime = new TupleTag<>() {};
  private final TupleTag<T> tooLate = new TupleTag<>() {};

  /**
   * How long a window's judging state is kept after it closes: so long that Beam's garbage
   * collection time of every window is the end of the global window (Beam clamps it there, and this
   * span from the earliest timestamp keeps that clamp free of overflow), that is, never.
   */
  static final Duration RETENTION =
      new Duration(BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE.maxTimestamp());

  private final EventTimeWindowing windowing;
  private final int shards;
  private final SerializableFunction<T, ?> key;
  private final SerializableFunction<T, Instant> eventTime;

  private SplitTooLate(
      EventTimeWindowing windowing,
      int shards,
      SerializableFunction<T, ?> key,
      SerializableFunction<T, Instant> eventTime) {
    if (windowing.kind != EventTimeWindowing.Kind.FIXED) {
      throw new IllegalArgumentException(
          "the too-late split needs fixed windows, not " + windowing);
    }
    if (shards < 1) {
      throw new IllegalArgumentException(
          "the too-late split needs at least 1 shard, was " + shards);
    }
    this.windowing = windowing;
    this.shards = shards;
    this.key = key;
    this.eventTime = eventTime;
  }

  /**
   * Judges each element against {@code windowing}; {@code key} spreads the judging over {@code
   * shards} keys (its {@code hashCode}, which must be stable across JVMs: a string's is).
   */
  public static <T> SplitTooLate<T> of(
      EventTimeWindowing windowing,
      int shards,
      SerializableFunction<T, ?> key,
      SerializableFunction<T, Instant> eventTime) {
    return new SplitTooLate<>(windowing, shards, key, eventTime);
  }

  /** The elements still in time for their window, in their event-time windows. */
  public TupleTag<T> inTime() {
    return inTime;
  }

  /** The elements too late for their window. */
  public TupleTag<T> tooLate() {
    return tooLate;
  }

  @Override
  public PCollectionTuple expand(PCollection<T> elements) {
    if (elements.isBounded() == PCollection.IsBounded.BOUNDED) {
      // All of a bounded input is there before any window closes: nothing is late. (Batch
      // runners also label panes differently, some ignoring triggers altogether.)
      PCollection<T> none =
          elements.getPipeline().apply("NoneTooLate", Create.empty(elements.getCoder()));
      return PCollectionTuple.of(inTime, elements).and(tooLate, none);
    }
    int shardCount = shards;
    SerializableFunction<T, ?> keyOf = key;
    PCollectionTuple judged =
        elements
            .apply(
                "ExpiryWindows",
                Window.<T>into(new ExpiryWindows(windowing))
                    .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                    .withAllowedLateness(RETENTION, ClosingBehavior.FIRE_IF_NON_EMPTY)
                    .withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY)
                    .withTimestampCombiner(TimestampCombiner.EARLIEST)
                    .discardingFiredPanes())
            .apply(
                "KeyByShard",
                WithKeys.of((T t) -> Math.floorMod(keyOf.apply(t).hashCode(), shardCount))
                    .withKeyType(TypeDescriptors.integers()))
            .setCoder(KvCoder.of(VarIntCoder.of(), elements.getCoder()))
            .apply("PaneOfEach", GroupByKey.create())
            .apply(
                "JudgeByPaneTiming",
                TaggedOutputs.parDo(new JudgeFn<>(eventTime, inTime, tooLate), inTime, tooLate));
    judged.get(inTime).setCoder(elements.getCoder());
    judged.get(tooLate).setCoder(elements.getCoder());
    // Window.into never lowers the allowed lateness it inherits (it keeps the larger of its own
    // and its input's), so the retention would become the aggregation's lateness too and no
    // window would ever close: no final panes. What leaves in time keeps its
    // windows but none of this GroupByKey's windowing.
    judged
        .get(inTime)
        .setWindowingStrategyInternal(WindowingStrategy.of(new ExpiryWindows(windowing)));
    return judged;
  }

  private static final class JudgeFn<T> extends DoFn<KV<Integer, Iterable<T>>, Void> {

    private final Counter tooLateCount =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.TOO_LATE);
    private final SerializableFunction<T, Instant> eventTime;
    private final TupleTag<T> inTime;
    private final TupleTag<T> tooLate;

    JudgeFn(SerializableFunction<T, Instant> eventTime, TupleTag<T> inTime, TupleTag<T> tooLate) {
      this.eventTime = eventTime;
      this.inTime = inTime;
      this.tooLate = tooLate;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<T>> pane, PaneInfo paneInfo, MultiOutputReceiver out) {
      boolean isInTime = paneInfo.getTiming() == PaneInfo.Timing.EARLY;
      for (T t : pane.getValue()) {
        if (!isInTime) {
          tooLateCount.inc();
        }
        // The pane's timestamp is its earliest element's, or the window's end for late data:
        // each element gets its event time back for the windows downstream.
        out.get(isInTime ? inTime : tooLate).outputWithTimestamp(t, eventTime.apply(t));
      }
    }

    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
