package io.onceflow.transforms.transactions;

import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
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
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/**
 * Separates transactions whose window has closed (event time beyond the allowed lateness) from
 * the rest, so that they are counted and kept rather than dropped without a trace by the
 * GroupByKey, which is all Beam does with them.
 *
 * <p>A DoFn cannot read the watermark, but an event-time timer that fires proves the watermark
 * passed it. Keyed by a shard of the customer id, the DoFn keeps the expiry times (window end +
 * allowed lateness) of the windows it has let data into, with a timer at the earliest; when it
 * fires, every window up to then is closed ({@code closedUpTo}), and later data for them goes to
 * {@link #TOO_LATE}. The pending timer also holds this step's output watermark at the earliest
 * open expiry, so the aggregation downstream never sees the watermark pass a window this step
 * still considers open. The aggregation keeps windows for an extra grace period beyond the
 * allowed lateness ({@link HourlyCustomerTotals}) to cover what a shard cannot know: the
 * watermark's progress while it had no open window. Needs event-time timers: Direct and Flink,
 * not Spark streaming.
 */
final class SplitTooLate extends PTransform<PCollection<CountedTransaction>, PCollectionTuple> {

  static final TupleTag<CountedTransaction> IN_TIME = new TupleTag<>() {};
  static final TupleTag<CountedTransaction> TOO_LATE = new TupleTag<>() {};

  private final AggregationWindowing windowing;
  private final int shards;

  SplitTooLate(AggregationWindowing windowing, int shards) {
    this.windowing = windowing;
    this.shards = shards;
  }

  @Override
  public PCollectionTuple expand(PCollection<CountedTransaction> transactions) {
    int shardCount = shards;
    return transactions
        .apply("GlobalWindow", Window.<CountedTransaction>into(new GlobalWindows()))
        .apply(
            "KeyByShard",
            WithKeys.of((CountedTransaction t) -> Math.floorMod(t.event.customerId.hashCode(), shardCount))
                .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), transactions.getCoder()))
        .apply("JudgeLateness", ParDo.of(new JudgeFn(windowing)).withOutputTags(IN_TIME, TupleTagList.of(TOO_LATE)));
  }

  private static final class JudgeFn extends DoFn<KV<Integer, CountedTransaction>, CountedTransaction> {

    private final AggregationWindowing windowing;
    private final Counter tooLate = Metrics.counter(HourlyCustomerTotals.class, "too_late");

    @StateId("openExpiries")
    private final StateSpec<ValueState<TreeSet<Long>>> openExpiriesSpec =
        StateSpecs.value(SerializableCoder.of((Class<TreeSet<Long>>) (Class<?>) TreeSet.class));

    @StateId("closedUpTo")
    private final StateSpec<ValueState<Long>> closedUpToSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("expiry")
    private final TimerSpec expirySpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    JudgeFn(AggregationWindowing windowing) {
      this.windowing = windowing;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, CountedTransaction> element,
        @StateId("openExpiries") ValueState<TreeSet<Long>> openExpiries,
        @StateId("closedUpTo") ValueState<Long> closedUpTo,
        @TimerId("expiry") Timer expiry,
        MultiOutputReceiver out) {
      CountedTransaction t = element.getValue();
      long expiresAt = windowing.windowEnd(t.event.eventTime.getMillis()) + windowing.allowedLateness.getMillis();
      Long closed = closedUpTo.read();
      if (closed != null && expiresAt <= closed) {
        tooLate.inc();
        out.get(TOO_LATE).outputWithTimestamp(t, t.event.eventTime);
        return;
      }
      TreeSet<Long> open = openExpiries.read();
      if (open == null) {
        open = new TreeSet<>();
      }
      if (open.add(expiresAt)) {
        openExpiries.write(open);
        holdUntil(expiry, open.first());
      }
      out.get(IN_TIME).outputWithTimestamp(t, t.event.eventTime);
    }

    @OnTimer("expiry")
    public void onExpiry(
        OnTimerContext context,
        @StateId("openExpiries") ValueState<TreeSet<Long>> openExpiries,
        @StateId("closedUpTo") ValueState<Long> closedUpTo,
        @TimerId("expiry") Timer expiry) {
      long now = context.fireTimestamp().getMillis();
      closedUpTo.write(now);
      TreeSet<Long> open = openExpiries.read();
      if (open == null) {
        return;
      }
      open.headSet(now, true).clear();
      if (open.isEmpty()) {
        openExpiries.clear();
      } else {
        openExpiries.write(open);
        holdUntil(expiry, open.first());
      }
    }

    /**
     * Fires at, and holds the output watermark at, the earliest open expiry. The hold is stated
     * explicitly: runners differ in the default hold of a timer set while processing an element.
     */
    private static void holdUntil(Timer expiry, long expiresAt) {
      Instant at = new Instant(expiresAt);
      expiry.withOutputTimestamp(at).set(at);
    }

    @Override
    @SuppressWarnings("deprecation")
    public org.joda.time.Duration getAllowedTimestampSkew() {
      return org.joda.time.Duration.millis(Long.MAX_VALUE);
    }
  }
}
