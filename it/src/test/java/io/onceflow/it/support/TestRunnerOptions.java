package io.onceflow.it.support;

import io.onceflow.pipelines.RunnerProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.runners.spark.TestSparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Pipeline options for tests: a runner profile as shipped, with test-specific overrides on top. */
public final class TestRunnerOptions {

  private TestRunnerOptions() {}

  public static PipelineOptions fromProfile(String profile, String... overrides) {
    List<String> args = new ArrayList<>(Arrays.asList(overrides));
    return PipelineOptionsFactory.fromArgs(
            RunnerProfile.load(profile).mergeUnder(args).toArray(new String[0]))
        .create();
  }

  /**
   * The spark profile in streaming mode (even over bounded test sources), with a checkpoint
   * directory of its own that is removed when the run ends.
   */
  public static PipelineOptions sparkStreaming() {
    Path checkpoints;
    try {
      checkpoints = Files.createTempDirectory("spark-checkpoints");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestSparkPipelineOptions options =
        fromProfile(
                "spark",
                "--runner=TestSparkRunner",
                "--streaming=true",
                "--checkpointDir=" + checkpoints.toUri())
            .as(TestSparkPipelineOptions.class);
    options.setForceStreaming(true);
    options.setDeleteCheckpointDir(true);
    return options;
  }

  /**
   * The flink profile, set up so that a TestStream's watermark steps reach the windows as the test
   * wrote them:
   *
   * <ul>
   *   <li>one channel: watermarks from parallel channels advance independently, so an element a
   *       test means to be too late can overtake the watermark (apache/beam#20844);
   *   <li>no checkpoints: TestStream's source does not support them, and with checkpointing on Beam
   *       keeps idle sources alive forever, so the job never ends;
   *   <li>bundles of one element: a DoFn operator forwards a watermark only when its open bundle
   *       finishes, so behind a stateful step two watermark steps would arrive as one jump;
   *   <li>no restarts: with checkpointing Flink restarts a failed job forever; a failed assertion
   *       must end the test.
   * </ul>
   */
  public static PipelineOptions flinkTestStream() {
    return fromProfile(
        "flink",
        "--runner=TestFlinkRunner",
        "--streaming=true",
        "--parallelism=1",
        "--checkpointingInterval=-1",
        "--maxBundleSize=1",
        "--numberOfExecutionRetries=0");
  }
}
