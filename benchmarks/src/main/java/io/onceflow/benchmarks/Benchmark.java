package io.onceflow.benchmarks;

import io.onceflow.local.LocalKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code onceflow benchmark}: one seeded workload through every system, each in a JVM of its own on
 * this machine, one after the other (never two at once: they would share the cores), then the
 * scaling runs, then docs/BENCHMARKS.md and its charts.
 */
public final class Benchmark {

  static final Set<String> SYSTEMS = Set.of("raw-java", "direct", "flink", "spark", "spark-peer");

  private Benchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    // Where the files go is this machine's business, not part of what the report says was run.
    List<String> asked =
        Arrays.stream(args)
            .filter(a -> !a.startsWith("--workDir=") && !a.startsWith("--reportDir="))
            .toList();
    run(options(args), "./onceflow benchmark " + String.join(" ", asked), System.out);
  }

  public static BenchmarkOptions options(String[] args) {
    PipelineOptionsFactory.register(BenchmarkOptions.class);
    BenchmarkOptions o =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(BenchmarkOptions.class);
    if (o.getEvents() < 1) {
      throw new IllegalArgumentException("--events must be at least 1, was " + o.getEvents());
    }
    systems(o.getSystems(), "--systems");
    systems(o.getScalingSystems(), "--scalingSystems");
    sizes(o.getScalingEvents());
    if (o.getDirectMaxEvents() < 1) {
      throw new IllegalArgumentException(
          "--directMaxEvents must be at least 1, was " + o.getDirectMaxEvents());
    }
    if (o.getSparkBatchIntervalMillis() < 100) {
      throw new IllegalArgumentException(
          "--sparkBatchIntervalMillis must be at least 100, was "
              + o.getSparkBatchIntervalMillis());
    }
    if (o.getRunTimeoutMinutes() < 1) {
      throw new IllegalArgumentException(
          "--runTimeoutMinutes must be at least 1, was " + o.getRunTimeoutMinutes());
    }
    return o;
  }

  /**
   * {@code command}: how the run was asked for, quoted in the report so that it can be repeated.
   */
  public static void run(BenchmarkOptions o, String command, PrintStream out)
      throws IOException, InterruptedException {
    Path work = Paths.get(o.getWorkDir()).toAbsolutePath();
    Path reportDir = Paths.get(o.getReportDir());
    List<Run> mainRuns =
        systems(o.getSystems(), "--systems").stream().map(s -> new Run(s, mainSize(o, s))).toList();
    List<Run> scalingRuns = new ArrayList<>();
    for (int size : sizes(o.getScalingEvents())) {
      systems(o.getScalingSystems(), "--scalingSystems")
          .forEach(s -> scalingRuns.add(new Run(s, size)));
    }
    // A scaling point the main table already has is not run again.
    Set<Run> toMake = new LinkedHashSet<>(mainRuns);
    toMake.addAll(scalingRuns);
    Map<Integer, Workload> workloads = new LinkedHashMap<>();
    Map<Run, RunResult> results = new HashMap<>();
    try (LocalKafkaBroker broker = new LocalKafkaBroker(work.resolve("kafka"))) {
      broker.start();
      for (Run run : toMake) {
        results.put(
            run,
            measure(
                run.system, workload(o, run.events, work, workloads, out), o, broker, work, out));
        // Written after every run, so that a run stopped part-way still leaves what it measured.
        Report.write(
            o,
            command.trim(),
            made(mainRuns, results),
            made(scalingRuns, results),
            pending(toMake, results),
            reportDir);
      }
    }
    Path report =
        Report.write(
            o,
            command.trim(),
            made(mainRuns, results),
            made(scalingRuns, results),
            List.of(),
            reportDir);
    out.println("onceflow benchmark: report in " + report);
  }

  /** One system on one workload size. */
  private record Run(String system, int events) {
    @Override
    public String toString() {
      return String.format("%s on %,d transactions", system, events);
    }
  }

  private static List<RunResult> made(List<Run> runs, Map<Run, RunResult> results) {
    return runs.stream().filter(results::containsKey).map(results::get).toList();
  }

  private static List<String> pending(Set<Run> runs, Map<Run, RunResult> results) {
    return runs.stream().filter(r -> !results.containsKey(r)).map(Run::toString).toList();
  }

  private static int mainSize(BenchmarkOptions o, String system) {
    return system.equals("direct")
        ? Math.min(o.getEvents(), o.getDirectMaxEvents())
        : o.getEvents();
  }

  private static Workload workload(
      BenchmarkOptions o, int events, Path work, Map<Integer, Workload> cache, PrintStream out)
      throws IOException {
    Workload w = cache.get(events);
    if (w == null) {
      out.println("onceflow benchmark: generating " + events + " transactions ...");
      w = Workload.generate(o, events, work.resolve("workload-" + events));
      cache.put(events, w);
    }
    return w;
  }

  private static RunResult measure(
      String system,
      Workload w,
      BenchmarkOptions o,
      LocalKafkaBroker broker,
      Path work,
      PrintStream out)
      throws IOException, InterruptedException {
    out.printf("onceflow benchmark: %s on %d transactions ...%n", system, w.events);
    Path runDir = work.resolve("runs").resolve(system + "-" + w.events);
    RunResult r =
        switch (system) {
          case "raw-java" -> BaselineRun.run(w, o, runDir);
          case "spark-peer" -> PeerRun.run(w, o, runDir);
          default -> OnceflowRun.run(system, w, o, broker, runDir);
        };
    out.printf(
        "  %s: %.1f s, %.0f events/s, peak RSS %.0f MB, CPU %.1f s, %d commits, %s%n",
        r.system(),
        r.wallSeconds(),
        r.eventsPerSecond(),
        r.peakRssMb(),
        r.cpuSeconds(),
        r.commits(),
        r.wrongKeys() < 0
            ? "FAILED: " + r.note()
            : r.wrongKeys() == 0 ? "exact" : r.wrongKeys() + " wrong keys");
    return r;
  }

  private static List<String> systems(String list, String option) {
    List<String> systems =
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String s : systems) {
      if (!SYSTEMS.contains(s)) {
        throw new IllegalArgumentException(
            option
                + ": unknown system '"
                + s
                + "'; known: "
                + String.join(", ", new java.util.TreeSet<>(SYSTEMS)));
      }
    }
    return systems;
  }

  private static List<Integer> sizes(String list) {
    List<Integer> sizes = new ArrayList<>();
    for (String s : list.split(",")) {
      if (s.isBlank()) {
        continue;
      }
      try {
        sizes.add(Integer.parseInt(s.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--scalingEvents must be numbers separated by commas; '" + s + "' is not", e);
      }
    }
    return sizes;
  }
}
