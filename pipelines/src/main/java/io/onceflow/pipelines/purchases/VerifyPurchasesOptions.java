package io.onceflow.pipelines.purchases;

import io.onceflow.transforms.jdbc.JdbcOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code onceflow verify purchases}: the database and the ground truth to compare it with. */
public interface VerifyPurchasesOptions extends JdbcOptions {

  @Description(
      "PostgreSQL schema of the tables (retail_windows, retail_late_events, dead_letters) and the"
          + " retail view; created if missing.")
  @Default.String("onceflow")
  String getDbSchema();

  void setDbSchema(String value);

  @Description("Directory of the ground truth written by onceflow generate purchases.")
  @Default.String("generated/purchases")
  String getGroundTruth();

  void setGroundTruth(String value);
}
