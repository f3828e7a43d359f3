package io.onceflow.transforms.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * A pipeline's metrics at one moment, by name ({@link MetricNames}): each counter summed over the
 * steps that report it (attempted values, which every runner has while a job runs), each gauge at
 * its greatest reported value.
 */
public final class MetricTotals {

  private final Map<String, Long> counters;
  private final Map<String, Long> gauges;

  private MetricTotals(Map<String, Long> counters, Map<String, Long> gauges) {
    this.counters = counters;
    this.gauges = gauges;
  }

  /**
   * Totals already summed per name, e.g. read from a runner's own metric system: counters by name,
   * gauges at their greatest value.
   */
  public static MetricTotals of(Map<String, Long> counters, Map<String, Long> gauges) {
    return new MetricTotals(Map.copyOf(counters), Map.copyOf(gauges));
  }

  /** Queries the running or finished pipeline's metrics now. */
  public static MetricTotals of(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    Map<String, Long> counters = new HashMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      counters.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    Map<String, Long> gauges = new HashMap<>();
    for (MetricResult<GaugeResult> g : metrics.getGauges()) {
      gauges.merge(g.getName().getName(), g.getAttempted().getValue(), Math::max);
    }
    return new MetricTotals(counters, gauges);
  }

  /** The counter's total, 0 if no step has reported it yet. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** The gauge's greatest value, empty if no step has reported it yet. */
  public OptionalLong gauge(String name) {
    Long value = gauges.get(name);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /** The names of the counters some step has reported. */
  public Set<String> counterNames() {
    return counters.keySet();
  }

  /** The names of the gauges some step has reported. */
  public Set<String> gaugeNames() {
    return gauges.keySet();
  }

  /** Records a source delivered: those that parsed and those that became dead letters. */
  public long recordsRead() {
    return counter(MetricNames.PARSED) + counter(MetricNames.DEAD_LETTERS);
  }
}
