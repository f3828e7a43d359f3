package io.onceflow.it.ledger;

import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.pipelines.ledger.LedgerSuite;
import org.apache.beam.sdk.testing.TestPipeline;

/**
 * The ledger's TestStream scenarios on an in-process Flink cluster (streaming), with the options of
 * {@link TestRunnerOptions#flinkTestStream()}. Not here: the replay after a pane fired, which needs
 * TestStream to advance processing time, which Flink's TestStream source does not support.
 */
public class FlinkRunnerLedgerIT extends LedgerSuite {

  @Override
  protected TestPipeline createPipeline() {
    return TestPipeline.fromOptions(TestRunnerOptions.flinkTestStream());
  }
}
