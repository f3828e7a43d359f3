package io.onceflow.pipelines.ledger;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code onceflow verify ledger}: the run's own options, plus where the expected answer is. */
public interface VerifyLedgerOptions extends LedgerPipelineOptions {

  @Description(
      "Directory of a ground truth written by 'onceflow generate ledger'. Without it, the"
          + " expected tables are recomputed from the --input file.")
  @Default.String("")
  String getGroundTruth();

  void setGroundTruth(String value);
}
