package io.onceflow.it.runners;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.pipelines.RunnerProfile;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** Every shipped profile parses into its runner's options (a misspelt option would fail here). */
class RunnerProfilesIT {

  private static PipelineOptions parse(String... args) {
    return PipelineOptionsFactory.fromArgs(RunnerProfile.apply(args)).withValidation().create();
  }

  @Test
  void sparkProfile() {
    SparkPipelineOptions options = parse("--profile=spark").as(SparkPipelineOptions.class);
    assertThat(options.getRunner()).isEqualTo(SparkRunner.class);
    assertThat(options.getSparkMaster()).isEqualTo("local[2]");
    assertThat(options.getBatchIntervalMillis()).isEqualTo(1000L);
    assertThat(options.getCheckpointDir()).isEqualTo(".onceflow/spark-checkpoints");
  }

  @Test
  void flinkProfile() {
    FlinkPipelineOptions options =
        parse("--profile=flink", "--parallelism=3").as(FlinkPipelineOptions.class);
    assertThat(options.getRunner()).isEqualTo(FlinkRunner.class);
    assertThat(options.getParallelism()).isEqualTo(3);
    assertThat(options.getCheckpointingInterval()).isEqualTo(10_000L);
    assertThat(options.getCheckpointingMode()).isEqualTo("EXACTLY_ONCE");
    assertThat(options.getReIterableGroupByKeyResult()).isTrue();
  }

  @Test
  void directProfileIsTheDefault() {
    assertThat(parse().getRunner().getSimpleName()).isEqualTo("DirectRunner");
  }
}
