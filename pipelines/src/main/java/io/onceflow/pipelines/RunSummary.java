package io.onceflow.pipelines;

import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.metrics.MetricNames;
import io.onceflow.transforms.metrics.MetricTotals;
import java.io.PrintStream;
import org.apache.beam.sdk.PipelineResult;

/** What a finished run did, from its metrics, for the person who started it. */
public final class RunSummary {

  private RunSummary() {}

  public static void print(
      String pipeline, PipelineResult result, IcebergCatalogOptions options, PrintStream out) {
    print(
        pipeline,
        result,
        String.format(
            "%s (namespace %s, catalog %s)",
            IcebergCatalogOptions.catalog(options).properties().get("warehouse"),
            options.getNamespace(),
            options.getCatalogType()),
        out);
  }

  /** The same lines, with {@code tablesIn} saying where the tables are (a non-Iceberg sink). */
  public static void print(
      String pipeline, PipelineResult result, String tablesIn, PrintStream out) {
    MetricTotals m = MetricTotals.of(result);
    out.println("onceflow " + pipeline + ": " + result.getState());
    long fresh = m.counter(MetricNames.RECORDS_NEW);
    long again = m.counter(MetricNames.RECORDS_READ_AGAIN);
    if (fresh + again > 0) {
      // An available-now run: what it read for the first time, and again for open windows.
      line(out, "records new", fresh);
      line(out, "read again", again);
    }
    line(out, "records parsed", m.counter(MetricNames.PARSED));
    line(out, "dead letters", m.counter(MetricNames.DEAD_LETTERS));
    line(out, "duplicates dropped", m.counter(MetricNames.DUPLICATES));
    line(out, "conflicting versions", m.counter(MetricNames.CONFLICTS));
    line(out, "too late", m.counter(MetricNames.TOO_LATE));
    // Elements a runner's GroupByKey dropped as late, so in no table. The too-late split keeps
    // its state for ever, so this stays 0 unless a watermark jumped further within one Spark
    // micro-batch than the aggregation's grace (SplitTooLate): printed so that it cannot hide.
    line(out, "dropped by the runner", m.counter(MetricNames.DROPPED_DUE_TO_LATENESS));
    line(out, "rows written", m.counter(MetricNames.ROWS_WRITTEN));
    line(out, "commits", m.counter(MetricNames.COMMITS));
    line(out, "commits skipped", m.counter(MetricNames.COMMITS_SKIPPED));
    out.printf("  %-22s %s%n", "tables in", tablesIn);
  }

  private static void line(PrintStream out, String what, long value) {
    out.printf("  %-22s %d%n", what, value);
  }
}
