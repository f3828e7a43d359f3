package io.onceflow.pipelines.messages;

import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.windowing.EventTimeWindowing;
import io.onceflow.transforms.windowing.PaneRows;
import io.onceflow.transforms.windowing.SplitTooLate;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Gold report 1, {@code report_channel_daily}: per UTC day and channel, the first occurrences of
 * each event type. Event-time windowing: fixed windows of one day (a day is a window, so the
 * window's start is the row's {@code date}) with an allowed lateness, accumulating panes — early
 * ones on a processing-time delay while the day is open, one on-time pane when the watermark passes
 * midnight, a late pane for each late arrival within the lateness, and a final pane when the day
 * closes. A message later than that is in no pane: {@link SplitTooLate} puts it on {@link
 * #TOO_LATE} ({@code messages_late}) and the {@code too_late} metric instead of letting the
 * GroupByKey drop it without a trace. Input is what the keep-first dedup counts, retractions
 * included: a first occurrence that arrives last takes the occurrence counted before it out of its
 * day (if that day is still open).
 */
public final class ChannelDailyReport
    extends PTransform<PCollection<Counted<Message>>, PCollectionTuple> {

  public static final TupleTag<Row> REPORT = new TupleTag<>() {};
  public static final TupleTag<Counted<Message>> TOO_LATE = new TupleTag<>() {};

  private static final int LATENESS_SHARDS = 16;

  /** How long after a day closes a too-late message is still caught (see SplitTooLate). */
  private final EventTimeWindowing windowing;

  private ChannelDailyReport(EventTimeWindowing windowing) {
    this.windowing = windowing;
  }

  /** Daily windows with {@code allowedLateness} and an early pane {@code earlyFiring} after. */
  public static ChannelDailyReport of(Duration allowedLateness, Duration earlyFiring) {
    return new ChannelDailyReport(
        EventTimeWindowing.fixed(Duration.standardDays(1))
            .withAllowedLateness(allowedLateness)
            .withEarlyFiringDelay(earlyFiring));
  }

  @Override
  public PCollectionTuple expand(PCollection<Counted<Message>> counted) {
    SplitTooLate<Counted<Message>> split =
        SplitTooLate.of(
            windowing,
            LATENESS_SHARDS,
            (Counted<Message> m) -> m.value.channel,
            m -> m.value.timestamp);
    PCollectionTuple judged = counted.apply("SplitTooLate", split);
    // One window of grace beyond the lateness SplitTooLate judges by, for Spark streaming, whose
    // later stages may see a newer watermark than SplitTooLate did (see HourlyCustomerTotals).
    Duration grace = windowing.size;
    PCollection<Row> report =
        judged
            .get(split.inTime())
            .apply("DailyWindows", windowing.<Counted<Message>>window(grace))
            .apply(
                "ByChannel",
                WithKeys.of((Counted<Message> m) -> m.value.channel)
                    .withKeyType(TypeDescriptors.strings()))
            .apply("CountEventTypes", Combine.perKey(new TallyFn(m -> m.eventType)))
            // A pane with no facts says nothing: accumulating, a day's tally only grows, so one
            // arises only from a timer firing after the day's state was cleared. Measured on Flink
            // with the watermark jumping past the lateness: a second ON_TIME final pane, empty,
            // after the full one (docs/runners.md). The table's version guard would keep the full
            // row, but the stream of panes should not carry a row that says the day was empty.
            .apply("DropEmptyPanes", Filter.by((KV<String, Tally> day) -> day.getValue().facts > 0))
            .apply(
                "PaneRows",
                PaneRows.of(
                    ChannelDailyReportTable::row,
                    TypeDescriptor.of(Row.class),
                    windowing.allowedLateness.plus(grace)))
            .setRowSchema(ChannelDailyReportTable.SCHEMA);
    return PCollectionTuple.of(REPORT, report).and(TOO_LATE, judged.get(split.tooLate()));
  }
}
