package io.onceflow.it.transactions;

import io.onceflow.it.support.TestRunnerOptions;
import io.onceflow.pipelines.transactions.TransactionTotalsSuite;
import org.apache.beam.sdk.testing.TestPipeline;

/**
 * The flagship's TestStream scenarios on an in-process Flink cluster (streaming), with the options
 * of {@link TestRunnerOptions#flinkTestStream()}. Not here: early panes, which need TestStream to
 * advance processing time, which Flink's TestStream source does not support.
 */
public class FlinkRunnerTransactionTotalsIT extends TransactionTotalsSuite {

  @Override
  protected TestPipeline createPipeline() {
    return TestPipeline.fromOptions(TestRunnerOptions.flinkTestStream());
  }
}
