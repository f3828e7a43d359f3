package io.onceflow.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.local.LocalFlinkCluster;
import io.onceflow.local.LocalSparkCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the kill-and-restart tests ask of a job on a real cluster: the job jar to submit, whether
 * the job still runs (for {@link Await}'s {@code stopped}), and whether Spark has checkpointed its
 * streaming state yet.
 */
public final class RunnerJobs {

  private RunnerJobs() {}

  /** The {@code flink} or {@code spark} job jar, built earlier in the reactor (it/pom.xml). */
  public static Path jobJar(String runner) {
    String property = "onceflow." + runner + ".job.jar";
    Path jar = Path.of(System.getProperty(property, "(" + property + " not set)"));
    assertThat(jar)
        .as("the " + runner + " job jar; build it with ./mvnw -pl " + runner + "-job -am package")
        .isRegularFile();
    return jar;
  }

  /**
   * Why the Flink job no longer runs, with the cluster's account of its failure; empty if it does.
   */
  public static Supplier<Optional<String>> flinkJobStopped(
      LocalFlinkCluster cluster, String jobId) {
    return () -> {
      String state = cluster.jobState(jobId);
      return state.equals("RUNNING") || state.equals("CREATED") || state.equals("INITIALIZING")
          ? Optional.empty()
          : Optional.of("job " + jobId + " is " + state + ": " + cluster.jobExceptions(jobId));
    };
  }

  /** Why the Spark driver no longer runs (its last output); empty while it does. */
  public static Supplier<Optional<String>> driverStopped(LocalSparkCluster.Driver driver) {
    return () ->
        driver.isAlive()
            ? Optional.empty()
            : Optional.of("the driver exited; its output:\n" + driver.tail());
  }

  /**
   * Spark has written a checkpoint of the streaming state (an rdd-* directory), not only of the
   * job's metadata: a driver killed before that comes back with no state (docs/runners.md).
   */
  public static boolean hasStateCheckpoint(Path checkpointDir) {
    if (!Files.isDirectory(checkpointDir)) {
      return false;
    }
    try (Stream<Path> paths = Files.walk(checkpointDir, 4)) {
      return paths.anyMatch(
          p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("rdd-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look into " + checkpointDir, e);
    }
  }
}
