package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.windowing.EventTimeWindowing;
import io.onceflow.transforms.windowing.PaneRows;
import io.onceflow.transforms.windowing.SplitTooLate;
import io.onceflow.transforms.windowing.WindowPane;
import java.math.BigDecimal;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
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
    extends PTransform<PCollection<Counted<TransactionEvent>>, PCollectionTuple> {

  /** Hourly windows open two hours after they end, an early pane a minute after the first. */
  public static final EventTimeWindowing DEFAULT_WINDOWING =
      EventTimeWindowing.fixed(Duration.standardHours(1))
          .withAllowedLateness(Duration.standardHours(2));

  public static final TupleTag<CustomerHourlyTotal> TOTALS = new TupleTag<>() {};
  public static final TupleTag<Counted<TransactionEvent>> TOO_LATE = new TupleTag<>() {};

  private static final int LATENESS_SHARDS = 16;

  /** How long after a window closes a too-late transaction is still caught (see SplitTooLate). */
  private final EventTimeWindowing windowing;

  private HourlyCustomerTotals(EventTimeWindowing windowing) {
    this.windowing = windowing;
  }

  public static HourlyCustomerTotals of(EventTimeWindowing windowing) {
    return new HourlyCustomerTotals(windowing);
  }

  @Override
  public PCollectionTuple expand(PCollection<Counted<TransactionEvent>> transactions) {
    SplitTooLate<Counted<TransactionEvent>> split =
        SplitTooLate.of(
            windowing,
            LATENESS_SHARDS,
            (Counted<TransactionEvent> t) -> t.value.customerId,
            t -> t.value.eventTime);
    PCollectionTuple judged =
        transactions
            // Retractions pass whatever their status: a failed version may beat a successful one.
            .apply(
                "SuccessOrRetraction",
                Filter.by((Counted<TransactionEvent> t) -> t.retracted || t.value.isSuccess()))
            .apply("SplitTooLate", split);
    // One window of grace beyond the lateness SplitTooLate judges by. Direct and Flink need none
    // (see there); Spark streaming can hand a later stage of the same micro-batch a newer
    // watermark than an earlier one, which without the grace would drop what SplitTooLate let
    // through.
    Duration grace = windowing.size;
    PCollection<CustomerHourlyTotal> totals =
        judged
            .get(split.inTime())
            .apply("EventTimeWindows", windowing.<Counted<TransactionEvent>>window(grace))
            .apply(
                "KeyByCustomer",
                WithKeys.of((Counted<TransactionEvent> t) -> t.value.customerId)
                    .withKeyType(TypeDescriptors.strings()))
            .apply("SumDistinctTransactions", Combine.perKey(new DistinctTransactionSumFn()))
            .apply(
                "PaneRows",
                PaneRows.of(
                    HourlyCustomerTotals::row,
                    TypeDescriptor.of(CustomerHourlyTotal.class),
                    windowing.allowedLateness.plus(grace)));
    return PCollectionTuple.of(TOTALS, totals).and(TOO_LATE, judged.get(split.tooLate()));
  }

  private static CustomerHourlyTotal row(
      WindowPane pane, String customerId, KV<BigDecimal, Long> total) {
    return new CustomerHourlyTotal(
        pane.start(),
        pane.end(),
        customerId,
        total.getKey(),
        total.getValue(),
        pane.index(),
        pane.timing(),
        pane.isFinal());
  }
}
