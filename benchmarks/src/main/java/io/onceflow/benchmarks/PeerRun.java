package io.onceflow.benchmarks;

import io.onceflow.local.ModuleOpens;
import io.onceflow.local.SparkSqlReader;
import io.onceflow.pipelines.transactions.GroundTruth;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark Structured Streaming peer (the spark-sql-reader module's {@code
 * StructuredStreamingPeer}) over the workload's files, in a JVM of its own on Spark SQL's and
 * Iceberg's Spark runtime's classpath.
 */
final class PeerRun {

  private static final Pattern COMMITS = Pattern.compile("peer commits=(\\d+)");

  private PeerRun() {}

  static RunResult run(Workload workload, BenchmarkOptions o, Path runDir)
      throws IOException, InterruptedException {
    GroundTruth truth = workload.truth();
    Path out = runDir.resolve("totals.csv");
    List<String> command =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx6g",
                "-XX:+UseParallelGC"));
    command.addAll(ModuleOpens.inherited());
    command.addAll(
        List.of(
            "-cp",
            String.join(File.pathSeparator, SparkSqlReader.classpath()),
            "io.onceflow.reader.StructuredStreamingPeer"));
    command.add(runDir.resolve("work").toString());
    command.add(out.toString());
    for (Path f : Workload.filesInArrivalOrder(workload.dir)) {
      command.add(f.toString());
    }
    Path log = runDir.resolve("run.log");
    try (MeasuredProcess p = MeasuredProcess.start(command, log)) {
      if (!p.awaitExit(Duration.ofMinutes(o.getRunTimeoutMinutes()))) {
        return RunResult.failed("spark-peer", workload.events, truth.records(), "timed out");
      }
      double wall = (System.currentTimeMillis() - p.startedAtMillis) / 1000.0;
      if (p.exitValue() != 0) {
        return RunResult.failed(
            "spark-peer",
            workload.events,
            truth.records(),
            "exit " + p.exitValue() + ": " + p.failure());
      }
      Map<String, String> totals = new HashMap<>();
      for (String line : Files.readAllLines(out)) {
        String[] f = line.split(",");
        totals.put(GroundTruth.key(f[1], Instant.parse(f[0])), f[2] + " " + f[3]);
      }
      Matcher m = COMMITS.matcher(Files.readString(log));
      long commits = m.find() ? Long.parseLong(m.group(1)) : 0;
      long wrong = TotalsCheck.wrongKeys(truth, totals);
      return new RunResult(
          "spark-peer",
          workload.events,
          truth.records(),
          wall,
          p.peakRssMb(),
          p.cpuSeconds(),
          commits,
          wrong,
          "Structured Streaming, one file per micro-batch, MERGE INTO per batch");
    }
  }
}
