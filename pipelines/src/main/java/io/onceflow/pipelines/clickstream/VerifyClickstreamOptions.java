package io.onceflow.pipelines.clickstream;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code onceflow verify clickstream}: the run's own options, plus the expected answer. */
public interface VerifyClickstreamOptions extends ClickstreamPipelineOptions {

  @Description("Directory of a ground truth written by 'onceflow generate clickstream'.")
  @Default.String("")
  String getGroundTruth();

  void setGroundTruth(String value);

  @Description(
      "Whether the run read the too-late events after every window had closed (the demo does)."
          + " false for a run that did not read them, e.g. files read once, where nothing is late:"
          + " then clickstream_late_events must be empty.")
  @Default.Boolean(true)
  boolean getExpectTooLate();

  void setExpectTooLate(boolean value);

  @Description(
      "Whether every row must be final (the watermark passed its window and lateness). false for"
          + " a run that stopped with windows still open (--trigger=available-now): their rows"
          + " must hold the ground truth's values, final or not, and are counted.")
  @Default.Boolean(true)
  boolean getExpectFinal();

  void setExpectFinal(boolean value);
}
