package io.onceflow.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/BENCHMARKS.md: the machine, the versions, the command, the tables with ratios, the charts.
 */
final class Report {

  static final String THROUGHPUT_PNG = "benchmarks-throughput.png";
  static final String SCALING_PNG = "benchmarks-scaling.png";

  private Report() {}

  /** {@code pending}: the runs not made yet; a report with any is marked partial. */
  static Path write(
      BenchmarkOptions o,
      String command,
      List<RunResult> main,
      List<RunResult> scaling,
      List<String> pending,
      Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Charts.throughput(main, dir.resolve(THROUGHPUT_PNG));
    if (!scaling.isEmpty()) {
      Charts.scaling(scaling, dir.resolve(SCALING_PNG));
    }
    Optional<RunResult> raw =
        main.stream().filter(r -> r.system().equals("raw-java") && r.wrongKeys() >= 0).findFirst();
    Optional<RunResult> peer =
        main.stream()
            .filter(r -> r.system().equals("spark-peer") && r.wrongKeys() >= 0)
            .findFirst();
    List<String> md = new ArrayList<>();
    md.add("# Benchmarks");
    md.add("");
    md.add(
        "Generated on "
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + " by `"
            + command
            + "`; every number below comes from that one run.");
    md.add("Do not edit by hand: run the command again.");
    if (!pending.isEmpty()) {
      md.add("");
      md.add(
          "**Partial: written after each run while the benchmark ran; it had not made these runs"
              + " (yet): "
              + String.join("; ", pending)
              + ".**");
    }
    md.add("");
    md.add("## Machine and versions");
    md.add("");
    md.add(
        "- CPU: "
            + cpu()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores visible to the JVM; memory: "
            + memory());
    md.add(
        "- Java: "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + "; OS: "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version"));
    md.add("- " + versions());
    md.add("");
    md.add("## Workload");
    md.add("");
    md.add(
        String.format(
            "Seed %d, first event at %s: %,d distinct transactions, %,d customers, %d h of event"
                + " time; %.1f%% duplicates, %.1f%% late within the allowed lateness, %.1f%% too"
                + " late, %.1f%% malformed. Main run: %,d input records.",
            o.getWorkloadSeed(),
            o.getWorkloadStart(),
            o.getEvents(),
            o.getWorkloadCustomers(),
            o.getWorkloadHours(),
            100 * o.getDuplicates(),
            100 * o.getLate(),
            100 * o.getTooLate(),
            100 * o.getMalformed(),
            main.stream()
                .filter(r -> r.events() == o.getEvents())
                .mapToLong(RunResult::records)
                .findFirst()
                .orElse(0)));
    md.add("");
    md.add(
        "- **onceflow-direct / -flink / -spark**: the flagship pipeline in streaming mode (the"
            + " runner's profile, `--commitIntervalSeconds="
            + o.getPipelineCommitSeconds()
            + " --idleSeconds="
            + o.getPipelineIdleSeconds()
            + "`), reading the stream from a Kafka topic of its own (2 partitions) on the local"
            + " broker; once every window is final, the stragglers are sent and must land in"
            + " `late_events`. Time runs from the JVM's start to the Iceberg commit that completed"
            + " the tables, so it includes start-up, the idle wait that closes the last windows,"
            + " and the commit interval. onceflow-spark runs "
            + o.getSparkBatchIntervalMillis()
            + " ms micro-batches (`--sparkBatchIntervalMillis`; the profile's default is 1 s), each"
            + " checkpointing its state.");
    md.add(
        "- **raw-java**: one thread reads the CSV files in arrival order and computes the same"
            + " answer with onceflow's parser and plain collections; no framework, no commit. The"
            + " practical limit of this CPU.");
    md.add(
        "- **spark-peer**: the Spark-notebook way, Spark Structured Streaming (local[2], 4 shuffle"
            + " partitions) over the same CSV files, one file per micro-batch, `withWatermark` 2 h,"
            + " `dropDuplicatesWithinWatermark(\"txn_id\")`, hourly windows per customer,"
            + " `foreachBatch` `MERGE INTO` an Iceberg table.");
    md.add(
        "- **Correctness**: every system's totals are compared with the generator's ground truth,"
            + " customer-hour by customer-hour; a wrong, missing or extra customer-hour counts as"
            + " one wrong key. onceflow's runs are also checked by `onceflow verify` (ledger, late"
            + " events, dead letters).");
    md.add(
        "- Each system runs alone in a JVM of its own (-Xmx6g), one after the other. Peak RSS is"
            + " the JVM's `VmHWM`; CPU is user + system time of all its threads.");
    md.add("");
    md.add("## Results");
    md.add("");
    md.add("![throughput](" + THROUGHPUT_PNG + ")");
    md.add("");
    table(md, main, raw, peer);
    main.stream()
        .filter(r -> r.events() != o.getEvents())
        .forEach(
            r -> {
              md.add("");
              md.add(
                  String.format(
                      "%s ran on a workload of %,d transactions (`--directMaxEvents`; same"
                          + " generator, seed and shape), not %,d: the DirectRunner is Beam's local"
                          + " test runner and scans every key that has a timer each time it looks"
                          + " for fired timers (see [PROFILING.md](PROFILING.md)); at its rate the"
                          + " full workload would take hours. Its ratios compare rates on different"
                          + " sizes.",
                      r.system(), r.events(), o.getEvents()));
            });
    if (!scaling.isEmpty()) {
      md.add("");
      md.add("## Scaling");
      md.add("");
      md.add("![scaling](" + SCALING_PNG + ")");
      md.add("");
      table(md, scaling, Optional.empty(), Optional.empty());
    }
    for (RunResult r : main) {
      if (!r.hotspots().isEmpty()) {
        md.add("");
        md.add("## Profile: " + r.system());
        md.add("");
        md.add("Java Flight Recorder (`--jfr`, profile settings) over the whole run.");
        md.add("");
        md.addAll(r.hotspots());
      }
    }
    md.add("");
    md.add("## Profiling");
    md.add("");
    md.add(
        "What the profiles of earlier runs showed, what was fixed, and the numbers before and after"
            + " each fix: [PROFILING.md](PROFILING.md).");
    md.add("");
    md.add("## Reproduce");
    md.add("");
    md.add("```");
    md.add(command);
    md.add("```");
    md.add("");
    md.add(
        "`./onceflow benchmark` alone runs the defaults (1M transactions, 10k customers, 48 h,"
            + " scaling over 100k, 1M and 5M);");
    md.add("`--help=io.onceflow.benchmarks.BenchmarkOptions` lists the options.");
    md.add("");
    md.add("```");
    md.add("./onceflow benchmark --help=io.onceflow.benchmarks.BenchmarkOptions");
    md.add("```");
    Path file = dir.resolve("BENCHMARKS.md");
    Files.write(file, md, StandardCharsets.UTF_8);
    return file;
  }

  private static void table(
      List<String> md, List<RunResult> results, Optional<RunResult> raw, Optional<RunResult> peer) {
    md.add(
        "| system | transactions | records | wall s | events/s | peak RSS MB | CPU s | commits |"
            + " correctness |"
            + (raw.isPresent() ? " vs raw-java |" : "")
            + (peer.isPresent() ? " vs spark-peer |" : "")
            + " note |");
    md.add(
        "|---|---:|---:|---:|---:|---:|---:|---:|---|"
            + (raw.isPresent() ? "---:|" : "")
            + (peer.isPresent() ? "---:|" : "")
            + "---|");
    for (RunResult r : results) {
      String correctness =
          r.wrongKeys() < 0
              ? "**failed**"
              : r.exact() ? "exact" : "**" + r.wrongKeys() + " wrong keys**";
      StringBuilder row = new StringBuilder();
      row.append(
          String.format(
              "| %s | %,d | %,d | %.1f | %,.0f | %.0f | %.1f | %d | %s |",
              r.system(),
              r.events(),
              r.records(),
              r.wallSeconds(),
              r.eventsPerSecond(),
              r.peakRssMb(),
              r.cpuSeconds(),
              r.commits(),
              correctness));
      raw.ifPresent(
          b -> row.append(String.format(" %.2f× |", r.eventsPerSecond() / b.eventsPerSecond())));
      peer.ifPresent(
          b -> row.append(String.format(" %.2f× |", r.eventsPerSecond() / b.eventsPerSecond())));
      row.append(" ").append(r.note().replace("\n", " ").replace("|", "/")).append(" |");
      md.add(row.toString());
    }
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Paths.get("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String memory() {
    long bytes =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  /** The versions of the jars this harness runs with, as their file names say. */
  private static String versions() {
    String cp = System.getProperty("java.class.path");
    List<String> parts = new ArrayList<>();
    for (String[] jar :
        new String[][] {
          {"Beam", "beam-sdks-java-core-"},
          {"Flink", "flink-runtime-"},
          {"Spark", "spark-core_2.12-"},
          {"Iceberg", "iceberg-core-"},
          {"Kafka clients", "kafka-clients-"}
        }) {
      Matcher m = Pattern.compile(Pattern.quote(jar[1]) + "([0-9][^/:]*?)\\.jar").matcher(cp);
      parts.add(jar[0] + " " + (m.find() ? m.group(1) : "?"));
    }
    return String.join(", ", parts);
  }
}
