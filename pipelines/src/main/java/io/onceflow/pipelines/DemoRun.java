package io.onceflow.pipelines;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.io.SourceOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * What every pipeline's demo does around its pipeline: a fresh work directory, a run that returns
 * at once so the demo can watch the tables while it streams, a progress line while it watches, and
 * the pipeline cancelled and the broker stopped however the watching ends (Ctrl-C included).
 */
public final class DemoRun {

  private static final String FLINK_RUNNER = "org.apache.beam.runners.flink.FlinkRunner";

  private DemoRun() {}

  /** What a demo watches for while its pipeline runs; it throws when the wait fails. */
  public interface Watch {
    void until() throws IOException;
  }

  /**
   * The demo's arguments after the runner profile ({@code --profile=...}), told to return from
   * {@code run()} at once: see {@link #detached}.
   */
  public static String[] withProfile(String[] args) {
    return detached(RunnerProfile.apply(args));
  }

  /**
   * Arguments the runner profile has already been applied to, told to return from {@code run()} at
   * once: Flink only by a flag of its own (it is not always on the classpath), the DirectRunner by
   * {@link #returnAtOnce}; Spark streaming returns anyway.
   */
  public static String[] detached(String[] profiledArgs) {
    List<String> all = new ArrayList<>(List.of(profiledArgs));
    if (all.contains("--runner=" + FLINK_RUNNER)
        && all.stream().noneMatch(a -> a.startsWith("--attachedMode"))) {
      all.add("--attachedMode=false");
    }
    return all.toArray(new String[0]);
  }

  /**
   * A demo's pipeline options: streaming from the topic of a local broker (whose address is known
   * once it runs) from the committed offsets, into an Iceberg warehouse under {@code work},
   * committing every two seconds, with a {@code run()} that returns at once.
   */
  public static void streamFromLocalKafka(PipelineOptions options, Path work, String topic) {
    SourceOptions source = options.as(SourceOptions.class);
    source.setSource("kafka");
    source.setTopic(topic);
    source.setBootstrapServers("127.0.0.1:0");
    source.setStartFrom("committed");
    options.as(StreamingOptions.class).setStreaming(true);
    options.as(IcebergCatalogOptions.class).setWarehouse(work.resolve("warehouse").toString());
    options.as(UpsertSinkOptions.class).setCommitIntervalSeconds(2);
    returnAtOnce(options);
  }

  /** Fails, naming the option, unless the demo has at least a minute to verify. */
  public static void checkTimeout(int timeoutMinutes) {
    if (timeoutMinutes < 1) {
      throw new IllegalArgumentException(
          "--timeoutMinutes must be at least 1, was " + timeoutMinutes);
    }
  }

  /** Makes the DirectRunner's {@code run()} return at once instead of running to the end. */
  public static void returnAtOnce(PipelineOptions options) {
    options.as(DirectOptions.class).setBlockOnRun(false);
  }

  /** Empties {@code dir} (a demo starts from nothing) and returns it, absolute. */
  public static Path freshWorkDir(Path dir) throws IOException {
    Path work = dir.toAbsolutePath();
    if (Files.exists(work)) {
      try (Stream<Path> paths = Files.walk(work)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(work);
    return work;
  }

  /**
   * Watches the running {@code pipeline} until {@code watch} returns or throws, with the progress
   * line and the metrics endpoint of {@code options} ({@link RunMonitor}); then cancels the
   * pipeline and stops the broker, as a Ctrl-C meanwhile does too.
   */
  public static void watch(
      PipelineResult pipeline,
      LocalKafkaBroker broker,
      RunOptions options,
      PrintStream out,
      Watch watch)
      throws IOException {
    Thread stopOnCtrlC = new Thread(() -> stop(pipeline, broker), "onceflow-demo-stop");
    Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
    try (RunMonitor monitor = RunMonitor.start(pipeline, options, out)) {
      watch.until();
    } finally {
      stop(pipeline, broker);
      Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
    }
  }

  /** A verification a demo repeats until it passes. */
  public interface Check {
    boolean passes() throws IOException;
  }

  /**
   * Until {@code check} passes (tried quietly every two seconds: its output is the caller's to
   * print once, after), the pipeline stops, or {@code timeout} is up; whichever comes first, the
   * loud verification that follows says how it stands.
   */
  public static void awaitPassing(PipelineResult pipeline, Duration timeout, Check check) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (check.passes()) {
          return;
        }
      } catch (IOException | RuntimeException notYet) {
        // A table read between commits, or one not created yet: look again.
      }
      PipelineResult.State state =
          pipeline.waitUntilFinish(org.joda.time.Duration.standardSeconds(2));
      if (state != null && state.isTerminal()) {
        return;
      }
    }
  }

  /** Where a quiet check prints: nowhere. */
  public static PrintStream quiet() {
    return new PrintStream(OutputStream.nullOutputStream());
  }

  /** The demo's closing lines: where its tables are and how to look at one. */
  public static void printWhereTheTablesAre(
      String pipeline, String warehouse, String namespace, String table, PrintStream out) {
    out.println(
        "onceflow demo: tables in "
            + warehouse
            + " (namespace "
            + namespace
            + "); look at them with");
    out.println(
        "  ./onceflow show " + pipeline + " --warehouse=" + warehouse + " --table=" + table);
  }

  private static void stop(PipelineResult pipeline, LocalKafkaBroker broker) {
    try {
      if (!pipeline.getState().isTerminal()) {
        pipeline.cancel();
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("onceflow demo: cancelling the pipeline failed: " + e);
    }
    broker.stop();
  }
}
