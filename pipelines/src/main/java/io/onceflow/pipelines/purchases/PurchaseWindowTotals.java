package io.onceflow.pipelines.purchases;

import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.windowing.EventTimeWindowing;
import io.onceflow.transforms.windowing.PaneRows;
import io.onceflow.transforms.windowing.SplitTooLate;
import io.onceflow.transforms.windowing.WindowPane;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Per {@code (category, payment_method)} and event-time window (the seed's 5 minutes, 1 hour of
 * allowed lateness), the count, quantity, amount and average price of the distinct purchases, as
 * accumulating panes: early panes, an on-time pane, a late pane per late purchase, and a final pane
 * when the window closes. Purchases later than the lateness are in no window; they leave on {@link
 * #TOO_LATE}. Input is what the dedup counts (versions and retractions of beaten ones).
 */
public final class PurchaseWindowTotals
    extends PTransform<PCollection<Counted<Purchase>>, PCollectionTuple> {

  public static final EventTimeWindowing DEFAULT_WINDOWING =
      EventTimeWindowing.fixed(Duration.standardMinutes(5))
          .withAllowedLateness(Duration.standardHours(1))
          .withEarlyFiringDelay(Duration.standardSeconds(10));

  public static final TupleTag<WindowTotal> TOTALS = new TupleTag<>() {};
  public static final TupleTag<Counted<Purchase>> TOO_LATE = new TupleTag<>() {};

  private static final int LATENESS_SHARDS = 16;

  private final EventTimeWindowing windowing;

  private PurchaseWindowTotals(EventTimeWindowing windowing) {
    this.windowing = windowing;
  }

  public static PurchaseWindowTotals of(EventTimeWindowing windowing) {
    return new PurchaseWindowTotals(windowing);
  }

  @Override
  public PCollectionTuple expand(PCollection<Counted<Purchase>> purchases) {
    SplitTooLate<Counted<Purchase>> split =
        SplitTooLate.of(
            windowing, LATENESS_SHARDS, (Counted<Purchase> p) -> p.value.group(), p -> p.value.ts);
    PCollectionTuple judged = purchases.apply("SplitTooLate", split);
    // One window of grace beyond the lateness SplitTooLate judges by, for Spark streaming (see
    // SplitTooLate); Direct and Flink need none.
    Duration grace = windowing.size;
    PCollection<WindowTotal> totals =
        judged
            .get(split.inTime())
            .apply("FiveMinuteWindows", windowing.<Counted<Purchase>>window(grace))
            .apply(
                "KeyByCategoryAndPayment",
                WithKeys.of((Counted<Purchase> p) -> p.value.group())
                    .withKeyType(TypeDescriptors.strings()))
            .apply("SumDistinctPurchases", Combine.perKey(new PurchaseSumFn()))
            .apply(
                "PaneRows",
                PaneRows.of(
                    PurchaseWindowTotals::row,
                    TypeDescriptor.of(WindowTotal.class),
                    windowing.allowedLateness.plus(grace)))
            .setCoder(SerializableCoder.of(WindowTotal.class));
    return PCollectionTuple.of(TOTALS, totals).and(TOO_LATE, judged.get(split.tooLate()));
  }

  private static WindowTotal row(WindowPane pane, String group, PurchaseSums sums) {
    String[] categoryAndPayment = group.split("\u0000", 2);
    return new WindowTotal(
        pane.start(),
        pane.end(),
        categoryAndPayment[0],
        categoryAndPayment[1],
        sums.avgPrice(),
        sums.quantity,
        sums.amount,
        sums.count,
        pane.index(),
        pane.timing(),
        pane.isFinal());
  }
}
