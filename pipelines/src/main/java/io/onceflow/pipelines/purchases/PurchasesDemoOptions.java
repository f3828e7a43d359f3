package io.onceflow.pipelines.purchases;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * {@code onceflow demo purchases}: the generator's and the pipeline's options (the demo sets the
 * source, Kafka and database itself), plus where it works and how long it may take.
 */
public interface PurchasesDemoOptions
    extends PurchasesPipelineOptions,
        GeneratePurchasesOptions,
        io.onceflow.pipelines.dashboard.DemoDashboardOptions {

  @Description(
      "Directory of the demo's broker data, PostgreSQL data and generated ground truth; emptied"
          + " at the start of every demo.")
  @Default.String(".onceflow/demo-purchases")
  String getWorkDir();

  void setWorkDir(String value);

  @Description(
      "Give up (and fail) if the tables do not verify within this many minutes of the start.")
  @Default.Integer(10)
  int getTimeoutMinutes();

  void setTimeoutMinutes(int value);
}
