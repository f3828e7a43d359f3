package io.onceflow.pipelines;

import io.onceflow.transforms.metrics.MetricsOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** What every {@code onceflow run} and demo shows while it works: progress lines and metrics. */
public interface RunOptions extends MetricsOptions {

  @Description(
      "Print a progress line (records read, rate, panes, commits, watermark, dead letters, too"
          + " late) every N seconds; 0 for none.")
  @Default.Integer(10)
  int getProgressSeconds();

  void setProgressSeconds(int value);
}
