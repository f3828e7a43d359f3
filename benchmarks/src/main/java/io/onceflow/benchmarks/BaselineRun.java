package io.onceflow.benchmarks;

import io.onceflow.pipelines.transactions.GroundTruth;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The raw-Java limit ({@link RawJavaBaseline}) over the workload's files, in a JVM of its own. */
final class BaselineRun {

  private BaselineRun() {}

  static RunResult run(Workload workload, BenchmarkOptions o, Path runDir)
      throws IOException, InterruptedException {
    GroundTruth truth = workload.truth();
    Path out = runDir.resolve("totals");
    List<String> args = List.of(workload.dir.toString(), out.toString(), "60", "120", "60");
    try (MeasuredProcess p =
        MeasuredProcess.start(
            List.of("-Xmx6g", "-XX:+UseParallelGC"),
            RawJavaBaseline.class.getName(),
            args,
            runDir.resolve("run.log"))) {
      if (!p.awaitExit(Duration.ofMinutes(o.getRunTimeoutMinutes()))) {
        return RunResult.failed("raw-java", workload.events, truth.records(), "timed out");
      }
      double wall = (System.currentTimeMillis() - p.startedAtMillis) / 1000.0;
      if (p.exitValue() != 0) {
        return RunResult.failed(
            "raw-java",
            workload.events,
            truth.records(),
            "exit " + p.exitValue() + ": " + p.failure());
      }
      long wrong = TotalsCheck.wrongKeys(truth, GroundTruth.read(out).totals());
      return new RunResult(
          "raw-java",
          workload.events,
          truth.records(),
          wall,
          p.peakRssMb(),
          p.cpuSeconds(),
          0,
          wrong,
          "one thread, plain collections, no commit");
    }
  }
}
