package io.onceflow.pipelines.transactions;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code onceflow verify}: the run's own options, plus where the expected answer comes from. */
public interface VerifyOptions extends TransactionsPipelineOptions {

  @Description(
      "Directory of a ground truth written by 'onceflow generate' (ground-truth.csv,"
          + " ground-truth.properties). Without it, the totals are recomputed from the --input"
          + " file, where nothing is too late.")
  @Default.String("")
  String getGroundTruth();

  void setGroundTruth(String value);
}
