package io.onceflow.transforms.transactions;

import io.onceflow.transforms.TaggedOutputs;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
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

/**
 * Separates transactions whose window has closed (event time beyond the allowed lateness) from the
 * rest, so that they are counted and kept rather than dropped without a trace by the GroupByKey,
 * which is all Beam does with them.
 *
 * <p>A DoFn cannot read the watermark and Spark streaming has no event-time timers, but every
 * runner's GroupByKey labels each pane with where the watermark stood when it fired. So each
 * transaction goes through a GroupByKey of its own: its window is the fixed window stretched by the
 * allowed lateness ({@link ExpiryWindows}), and the trigger fires for every element. A pane that
 * fires before the watermark passes that window's end is {@code EARLY}: its transactions are in
 * time. Any other pane fired after the aggregation's window closed: too late. The aggregation drops
 * by the same rule (window end + lateness behind the watermark), and on Direct and Flink a
 * transaction is judged here before the aggregation's watermark can move past it, so the two never
 * disagree. On Spark streaming a stage may read the watermark one micro-batch late (measured: an
 * element judged against the previous batch's watermark), so the aggregation keeps its windows one
 * window size longer ({@link HourlyCustomerTotals}); a watermark jump larger than that within one
 * batch is the remaining gap, counted by Beam's {@code droppedDueToLateness}.
 *
 * <p>Keys are shards of the customer id, so the state kept per window is a few bytes per shard; it
 * is kept for {@code retention} after the window closes. A transaction later than that is dropped
 * by this GroupByKey, which counts it only in Beam's own {@code droppedDueToLateness} counter.
 */
final class SplitTooLate extends PTransform<PCollection<CountedTransaction>, PCollectionTuple> {

  static final TupleTag<CountedTransaction> IN_TIME = new TupleTag<>() {};
  static final TupleTag<CountedTransaction> TOO_LATE = new TupleTag<>() {};

  private final AggregationWindowing windowing;
  private final int shards;
  private final Duration retention;

  SplitTooLate(AggregationWindowing windowing, int shards, Duration retention) {
    this.windowing = windowing;
    this.shards = shards;
    this.retention = retention;
  }

  @Override
  public PCollectionTuple expand(PCollection<CountedTransaction> transactions) {
    if (transactions.isBounded() == PCollection.IsBounded.BOUNDED) {
      // All of a bounded input is there before any window closes: nothing is late. (Batch
      // runners also label panes differently, some ignoring triggers altogether.)
      PCollection<CountedTransaction> none =
          transactions.getPipeline().apply("NoneTooLate", Create.empty(transactions.getCoder()));
      return PCollectionTuple.of(IN_TIME, transactions).and(TOO_LATE, none);
    }
    int shardCount = shards;
    PCollectionTuple judged =
        transactions
            .apply(
                "ExpiryWindows",
                Window.<CountedTransaction>into(new ExpiryWindows(windowing))
                    .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                    .withAllowedLateness(retention, ClosingBehavior.FIRE_IF_NON_EMPTY)
                    .withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY)
                    .withTimestampCombiner(TimestampCombiner.EARLIEST)
                    .discardingFiredPanes())
            .apply(
                "KeyByShard",
                WithKeys.of(
                        (CountedTransaction t) ->
                            Math.floorMod(t.event.customerId.hashCode(), shardCount))
                    .withKeyType(TypeDescriptors.integers()))
            .setCoder(KvCoder.of(VarIntCoder.of(), transactions.getCoder()))
            .apply("PaneOfEach", GroupByKey.create())
            .apply("JudgeByPaneTiming", TaggedOutputs.parDo(new JudgeFn(), IN_TIME, TOO_LATE));
    // Window.into never lowers the allowed lateness it inherits (it keeps the larger of its own
    // and its input's), so the retention would become the aggregation's lateness too and no
    // window would close before it: final panes a week late. What leaves in time keeps its
    // windows but none of this GroupByKey's windowing.
    judged
        .get(IN_TIME)
        .setWindowingStrategyInternal(WindowingStrategy.of(new ExpiryWindows(windowing)));
    return judged;
  }

  private static final class JudgeFn extends DoFn<KV<Integer, Iterable<CountedTransaction>>, Void> {

    private final Counter tooLate = Metrics.counter(HourlyCustomerTotals.class, "too_late");

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<CountedTransaction>> pane,
        PaneInfo paneInfo,
        MultiOutputReceiver out) {
      boolean inTime = paneInfo.getTiming() == PaneInfo.Timing.EARLY;
      for (CountedTransaction t : pane.getValue()) {
        if (!inTime) {
          tooLate.inc();
        }
        // The pane's timestamp is its earliest element's, or the window's end for late data:
        // each transaction gets its event time back for the windows downstream.
        out.get(inTime ? IN_TIME : TOO_LATE).outputWithTimestamp(t, t.event.eventTime);
      }
    }

    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
