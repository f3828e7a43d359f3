package io.onceflow.transforms.metrics;

import java.util.Locale;

/**
 * The stable names under which onceflow's metrics are exported to Prometheus: {@code onceflow_} and
 * the metric's name ({@link MetricNames}) in snake case; a counter's samples end in {@code _total}
 * (the exposition format's rule), the watermark is a timestamp in seconds.
 */
public final class PrometheusNames {

  /** The prefix of every exported metric. */
  public static final String PREFIX = MetricNames.NAMESPACE + "_";

  /** Records a source delivered: parsed and dead letters (a counter). */
  public static final String RECORDS_READ = PREFIX + "records_read";

  /** 1 when the runner answered the last query of the pipeline's metrics, 0 when it did not. */
  public static final String METRICS_AVAILABLE = PREFIX + "metrics_available";

  /** The watermark gauge, in seconds since the epoch (the metric reports milliseconds). */
  public static final String WATERMARK_PASSED = PREFIX + "watermark_passed_timestamp_seconds";

  private PrometheusNames() {}

  /** The exported family name of the metric {@code name}; a counter's sample adds _total. */
  public static String of(String name) {
    if (name.equals(MetricNames.WATERMARK_PASSED)) {
      return WATERMARK_PASSED;
    }
    // droppedDueToLateness (Beam's) becomes dropped_due_to_lateness; anything outside the
    // exposition format's name characters becomes an underscore.
    String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    return PREFIX + snake.replaceAll("[^a-z0-9_]", "_");
  }
}
