package io.onceflow.transforms.transactions;

import java.math.BigDecimal;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.Window.ClosingBehavior;
import org.apache.beam.sdk.transforms.windowing.Window.OnTimeBehavior;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Per customer and event-time window, the total amount and count of distinct successful
 * transactions, as accumulating panes: early (speculative) panes, one on-time pane, a late pane per
 * late arrival, and a final pane when the window closes. Transactions beyond the allowed lateness
 * are not in any total; they leave on {@link #TOO_LATE}, counted in the {@code too_late} metric
 * (kept up to seven days after the window closed). Input is what {@link DeduplicateTransactions}
 * counts.
 */
public final class HourlyCustomerTotals
    extends PTransform<PCollection<CountedTransaction>, PCollectionTuple> {

  public static final TupleTag<CustomerHourlyTotal> TOTALS = new TupleTag<>() {};
  public static final TupleTag<CountedTransaction> TOO_LATE = SplitTooLate.TOO_LATE;

  private static final int LATENESS_SHARDS = 16;

  /** How long after a window closes a too-late transaction is still caught (see SplitTooLate). */
  private static final Duration TOO_LATE_RETENTION = Duration.standardDays(7);

  private final AggregationWindowing windowing;

  private HourlyCustomerTotals(AggregationWindowing windowing) {
    this.windowing = windowing;
  }

  public static HourlyCustomerTotals of(AggregationWindowing windowing) {
    return new HourlyCustomerTotals(windowing);
  }

  @Override
  public PCollectionTuple expand(PCollection<CountedTransaction> transactions) {
    PCollectionTuple judged =
        transactions
            // Retractions pass whatever their status: a failed version may beat a successful one.
            .apply(
                "SuccessOrRetraction",
                Filter.by((CountedTransaction t) -> t.retracted || t.event.isSuccess()))
            .apply(
                "SplitTooLate", new SplitTooLate(windowing, LATENESS_SHARDS, TOO_LATE_RETENTION));
    PCollection<CustomerHourlyTotal> totals =
        judged
            .get(SplitTooLate.IN_TIME)
            .apply(
                "EventTimeWindows",
                Window.<CountedTransaction>into(FixedWindows.of(windowing.windowSize))
                    .triggering(trigger())
                    // One window of grace beyond the lateness SplitTooLate judges by. Direct and
                    // Flink need none (see there); Spark streaming can hand a later stage of the
                    // same micro-batch a newer watermark than an earlier one, which without the
                    // grace would drop what SplitTooLate let through.
                    .withAllowedLateness(
                        windowing.allowedLateness.plus(windowing.windowSize),
                        ClosingBehavior.FIRE_ALWAYS)
                    .withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY)
                    .accumulatingFiredPanes())
            .apply(
                "KeyByCustomer",
                WithKeys.of((CountedTransaction t) -> t.event.customerId)
                    .withKeyType(TypeDescriptors.strings()))
            .apply("SumDistinctTransactions", Combine.perKey(new DistinctTransactionSumFn()))
            .apply(
                "ToPaneRow",
                ParDo.of(new ToPaneRowFn(windowing.allowedLateness.plus(windowing.windowSize))));
    return PCollectionTuple.of(TOTALS, totals).and(TOO_LATE, judged.get(SplitTooLate.TOO_LATE));
  }

  private Trigger trigger() {
    Trigger.OnceTrigger late =
        windowing.lateFiringDelay.getMillis() == 0
            ? AfterPane.elementCountAtLeast(1)
            : AfterProcessingTime.pastFirstElementInPane().plusDelayOf(windowing.lateFiringDelay);
    return AfterWatermark.pastEndOfWindow()
        .withEarlyFirings(
            AfterProcessingTime.pastFirstElementInPane().plusDelayOf(windowing.earlyFiringDelay))
        .withLateFirings(late);
  }

  private static final class ToPaneRowFn
      extends DoFn<KV<String, KV<BigDecimal, Long>>, CustomerHourlyTotal> {
    private final Counter panes = Metrics.counter(HourlyCustomerTotals.class, "panes");
    private final Counter finalPanes = Metrics.counter(HourlyCustomerTotals.class, "final_panes");
    // An on-time or late pane fires only once the watermark has passed the window's end, and a
    // final one once it has passed the end plus the lateness: a lower bound of the watermark that
    // progress reports can show.
    private final Gauge watermarkPassed =
        Metrics.gauge(HourlyCustomerTotals.class, "watermark_passed");
    private final Duration closesAfterEnd;

    ToPaneRowFn(Duration closesAfterEnd) {
      this.closesAfterEnd = closesAfterEnd;
    }

    @ProcessElement
    public void process(
        @Element KV<String, KV<BigDecimal, Long>> total,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<CustomerHourlyTotal> out) {
      IntervalWindow w = (IntervalWindow) window;
      panes.inc();
      if (pane.isLast()) {
        finalPanes.inc();
      }
      if (pane.isLast()) {
        watermarkPassed.set(w.end().plus(closesAfterEnd).getMillis());
      } else if (pane.getTiming() != PaneInfo.Timing.EARLY) {
        watermarkPassed.set(w.end().getMillis());
      }
      out.output(
          new CustomerHourlyTotal(
              w.start(),
              w.end(),
              total.getKey(),
              total.getValue().getKey(),
              total.getValue().getValue(),
              pane.getIndex(),
              pane.getTiming().name(),
              pane.isLast()));
    }
  }
}
