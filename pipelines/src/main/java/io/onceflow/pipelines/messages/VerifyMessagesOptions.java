package io.onceflow.pipelines.messages;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code onceflow verify messages}: the run's own options, plus where the expected answer is. */
public interface VerifyMessagesOptions extends MessagesPipelineOptions {

  @Description("Directory of a ground truth written by 'onceflow generate messages' (required).")
  @Default.String("")
  String getGroundTruth();

  void setGroundTruth(String value);
}
