package io.onceflow.transforms.windowing;

import io.onceflow.transforms.metrics.MetricNames;
import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;

/**
 * Turns each pane of a windowed aggregate into the caller's row: the key, the aggregate and {@link
 * WindowPane} (window bounds, pane index, timing, final), so that any aggregate keeps the pane
 * columns an upsert table needs to tell newer from older. Counts the {@code panes} and {@code
 * final_panes} metrics and reports the {@code watermark_passed} gauge.
 */
public final class PaneRows<K, V, RowT>
    extends PTransform<PCollection<KV<K, V>>, PCollection<RowT>> {

  /** Makes the caller's row of one pane. */
  @FunctionalInterface
  public interface Format<K, V, RowT> extends Serializable {
    RowT row(WindowPane pane, K key, V aggregate);
  }

  private final Format<K, V, RowT> format;
  private final TypeDescriptor<RowT> rowType;
  private final Duration closesAfterEnd;

  private PaneRows(
      Format<K, V, RowT> format, TypeDescriptor<RowT> rowType, Duration closesAfterEnd) {
    this.format = format;
    this.rowType = rowType;
    this.closesAfterEnd = closesAfterEnd;
  }

  /**
   * Rows of type {@code rowType} made by {@code format}; {@code closesAfterEnd} is how long after
   * its end a window closes (its allowed lateness plus any grace), for the watermark gauge.
   */
  public static <K, V, RowT> PaneRows<K, V, RowT> of(
      Format<K, V, RowT> format, TypeDescriptor<RowT> rowType, Duration closesAfterEnd) {
    return new PaneRows<>(format, rowType, closesAfterEnd);
  }

  @Override
  public PCollection<RowT> expand(PCollection<KV<K, V>> aggregates) {
    return aggregates
        .apply("ToPaneRow", ParDo.of(new ToPaneRowFn<>(format, closesAfterEnd)))
        .setTypeDescriptor(rowType);
  }

  private static final class ToPaneRowFn<K, V, RowT> extends DoFn<KV<K, V>, RowT> {
    private final Counter panes = Metrics.counter(MetricNames.NAMESPACE, MetricNames.PANES);
    private final Counter finalPanes =
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.FINAL_PANES);
    // An on-time or late pane fires only once the watermark has passed the window's end, and a
    // final one once it has passed the end plus the lateness: a lower bound of the watermark that
    // progress reports can show.
    private final Gauge watermarkPassed =
        Metrics.gauge(MetricNames.NAMESPACE, MetricNames.WATERMARK_PASSED);
    private final Format<K, V, RowT> format;
    private final Duration closesAfterEnd;

    ToPaneRowFn(Format<K, V, RowT> format, Duration closesAfterEnd) {
      this.format = format;
      this.closesAfterEnd = closesAfterEnd;
    }

    @ProcessElement
    public void process(
        @Element KV<K, V> aggregate,
        BoundedWindow window,
        PaneInfo pane,
        OutputReceiver<RowT> out) {
      IntervalWindow w = (IntervalWindow) window;
      panes.inc();
      if (pane.isLast()) {
        finalPanes.inc();
        watermarkPassed.set(w.end().plus(closesAfterEnd).getMillis());
      } else if (pane.getTiming() != PaneInfo.Timing.EARLY) {
        watermarkPassed.set(w.end().getMillis());
      }
      WindowPane p =
          new WindowPane(
              w.start(), w.end(), pane.getIndex(), pane.getTiming().name(), pane.isLast());
      out.output(format.row(p, aggregate.getKey(), aggregate.getValue()));
    }
  }
}
