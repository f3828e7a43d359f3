package io.onceflow.pipelines.messages;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * {@code onceflow demo messages}: the generator's and the pipeline's options (the demo sets the
 * source, Kafka, warehouse and output itself), plus where it works and how long it may take.
 */
public interface MessagesDemoOptions
    extends MessagesPipelineOptions,
        GenerateMessagesOptions,
        io.onceflow.pipelines.dashboard.DemoDashboardOptions {

  @Description(
      "Directory of the demo's broker data, generated ground truth and Iceberg warehouse; emptied"
          + " at the start of every demo.")
  @Default.String(".onceflow/demo-messages")
  String getWorkDir();

  void setWorkDir(String value);

  @Description(
      "Give up (and fail) if the tables do not verify within this many minutes of the start.")
  @Default.Integer(10)
  int getTimeoutMinutes();

  void setTimeoutMinutes(int value);
}
