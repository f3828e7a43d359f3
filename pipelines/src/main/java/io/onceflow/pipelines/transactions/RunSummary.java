package io.onceflow.pipelines.transactions;

import io.onceflow.pipelines.IcebergCatalogOptions;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** What a finished run did, from its Beam counters, for the person who started it. */
final class RunSummary {

  /**
   * Beam's own counter of elements a GroupByKey drops for lateness: here, transactions later than
   * the too-late split keeps its windows (a week), which are in no table.
   */
  static final String DROPPED = "droppedDueToLateness";

  private RunSummary() {}

  static void print(PipelineResult result, TransactionsPipelineOptions options, PrintStream out) {
    Map<String, Long> counters = new LinkedHashMap<>();
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      counters.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    out.println("onceflow " + TransactionsPipeline.NAME + ": " + result.getState());
    line(out, "records parsed", counters.get("parsed"));
    line(out, "dead letters", counters.get("dead_letters"));
    line(out, "duplicates dropped", counters.get("duplicates"));
    line(out, "conflicting versions", counters.get("conflicts"));
    line(out, "too late", counters.get("too_late"));
    line(out, "dropped, beyond a week", counters.get(DROPPED));
    line(out, "rows written", counters.get("rows_written"));
    line(out, "commits", counters.get("commits"));
    line(out, "commits skipped", counters.get("commits_skipped"));
    out.printf(
        "  %-22s %s (namespace %s, catalog %s)%n",
        "tables in",
        IcebergCatalogOptions.catalog(options).properties().get("warehouse"),
        options.getNamespace(),
        options.getCatalogType());
  }

  private static void line(PrintStream out, String what, Long value) {
    out.printf("  %-22s %d%n", what, value == null ? 0 : value);
  }
}
