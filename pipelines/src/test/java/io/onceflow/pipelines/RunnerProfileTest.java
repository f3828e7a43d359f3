package io.onceflow.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerProfileTest {

  @Test
  void withoutAFlagTheDirectProfileApplies() {
    assertThat(RunnerProfile.apply(new String[] {"--jobName=x"}))
        .containsExactly(
            "--runner=org.apache.beam.runners.direct.DirectRunner",
            "--targetParallelism=2",
            "--jobName=x");
  }

  @Test
  void explicitFlagsOverrideTheProfile() {
    assertThat(RunnerProfile.apply(new String[] {"--profile=direct", "--targetParallelism=7"}))
        .containsExactly(
            "--runner=org.apache.beam.runners.direct.DirectRunner", "--targetParallelism=7");
  }

  @Test
  void everyBuiltInProfileNamesItsRunner() {
    for (String name : List.of("direct", "spark", "flink")) {
      assertThat(RunnerProfile.load(name).options()).containsKey("runner");
    }
    assertThat(RunnerProfile.load("flink").options())
        .containsEntry("checkpointingMode", "EXACTLY_ONCE")
        .containsEntry("reIterableGroupByKeyResult", "true");
    assertThat(RunnerProfile.load("spark").options())
        .containsKeys("sparkMaster", "checkpointDir", "batchIntervalMillis");
  }

  @Test
  void anUnknownProfileListsTheChoices() {
    assertThatThrownBy(() -> RunnerProfile.apply(new String[] {"--profile=storm"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--profile=storm")
        .hasMessageContaining("[direct, flink, spark]");
  }

  @Test
  void aRunnerMissingFromTheClasspathSaysWhichMavenProfileAddsIt() {
    // This module's tests run without -Pflink, so the Flink runner is absent here.
    assertThatThrownBy(() -> RunnerProfile.apply(new String[] {"--profile=flink"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FlinkRunner")
        .hasMessageContaining("-Pflink");
  }

  @Test
  void aProfileFileOfOnesOwnCanBeGiven(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.properties");
    Files.writeString(file, "runner=DirectRunner\nblockOnRun=false\n");
    assertThat(RunnerProfile.apply(new String[] {"--profile=" + file}))
        .containsExactly("--blockOnRun=false", "--runner=DirectRunner");
    assertThatThrownBy(
            () ->
                RunnerProfile.apply(new String[] {"--profile=" + dir.resolve("absent.properties")}))
        .hasMessageContaining("no such file");
  }
}
