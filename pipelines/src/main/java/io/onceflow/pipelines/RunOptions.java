package io.onceflow.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** What every {@code onceflow run} prints while it works. */
public interface RunOptions extends PipelineOptions {

  @Description(
      "Print a progress line (records read, rate, panes, commits, watermark, dead letters, too"
          + " late) every N seconds; 0 for none.")
  @Default.Integer(10)
  int getProgressSeconds();

  void setProgressSeconds(int value);
}
