package io.onceflow.it.transactions;

import io.onceflow.pipelines.RunnerProfile;
import io.onceflow.transforms.transactions.TransactionTotalsSuite;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;

/**
 * The flagship's TestStream scenarios on an in-process Flink cluster (streaming). Not here:
 * early panes, which need TestStream to advance processing time, which Flink's TestStream
 * source does not support. One channel and no checkpoints, for the reasons given in
 * FlinkRunnerWindowingIT. Bundles of one element: Flink's DoFn operators forward a watermark only
 * when the open bundle finishes, so behind the stateful steps two TestStream watermark steps
 * would otherwise reach the windows as one jump (on-time and final pane at once), which is legal
 * but not what the scenarios assert.
 */
public class FlinkRunnerTransactionTotalsIT extends TransactionTotalsSuite {

  @Override
  protected TestPipeline createPipeline() {
    return TestPipeline.fromOptions(
          PipelineOptionsFactory.fromArgs(
                  RunnerProfile.load("flink")
                      .mergeUnder(
                          List.of(
                              "--runner=TestFlinkRunner",
                              "--streaming=true",
                              "--parallelism=1",
                              "--maxBundleSize=1",
                              "--checkpointingInterval=-1",
                              "--numberOfExecutionRetries=0"))
                      .toArray(new String[0]))
              .create());
  }
}
