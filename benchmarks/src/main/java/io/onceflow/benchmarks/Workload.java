package io.onceflow.benchmarks;

import io.onceflow.pipelines.transactions.GenerateTransactions;
import io.onceflow.pipelines.transactions.GroundTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One seeded workload: CSV files (the stream, then the stragglers, in arrival order) with their
 * ground truth, and the same records on demand into a Kafka topic.
 */
final class Workload {

  final Path dir;
  final int events;
  private final BenchmarkOptions o;

  private Workload(Path dir, int events, BenchmarkOptions o) {
    this.dir = dir;
    this.events = events;
    this.o = o;
  }

  static Workload generate(BenchmarkOptions o, int events, Path dir) throws IOException {
    Workload w = new Workload(dir, events, o);
    List<String> args = w.generatorArgs();
    args.addAll(List.of("--to=files", "--files=8", "--format=CSV", "--output=" + dir));
    GenerateTransactions.generate(args.toArray(new String[0]), System.out);
    return w;
  }

  /**
   * Sends a part of the workload (stream or stragglers) to a topic; the ground truth is unchanged.
   */
  void send(String bootstrapServers, String topic, String part) throws IOException {
    List<String> args = generatorArgs();
    args.addAll(
        List.of(
            "--to=kafka",
            "--part=" + part,
            "--bootstrapServers=" + bootstrapServers,
            "--topic=" + topic,
            "--output=" + dir.resolve("kafka-truth")));
    GenerateTransactions.generate(args.toArray(new String[0]), System.out);
  }

  GroundTruth truth() {
    return GroundTruth.read(dir);
  }

  /**
   * The stream's files, then the stragglers': the order in which a live source would deliver them.
   */
  static List<Path> filesInArrivalOrder(Path dir) throws IOException {
    List<Path> files = new ArrayList<>(list(dir.resolve(GenerateTransactions.STREAM_DIR)));
    files.addAll(list(dir.resolve(GenerateTransactions.STRAGGLERS_DIR)));
    return files;
  }

  /**
   * The workload's first event time: --workloadStart, or recent enough for every run to judge its
   * stragglers too late (not expired).
   */
  static String start(BenchmarkOptions o) {
    if (!o.getWorkloadStart().isBlank()) {
      return o.getWorkloadStart();
    }
    // The last window is final once the clock-driven watermark passes its end + 2 h lateness + one
    // window: the span must end more than 3 h ago.
    Instant start =
        Instant.now()
            .truncatedTo(ChronoUnit.HOURS)
            .minus(Duration.ofHours(o.getWorkloadHours() + 4L));
    o.setWorkloadStart(start.toString());
    return o.getWorkloadStart();
  }

  private static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
    }
  }

  private List<String> generatorArgs() {
    return new ArrayList<>(
        List.of(
            "--seed=" + o.getWorkloadSeed(),
            "--count=" + events,
            "--customers=" + o.getWorkloadCustomers(),
            "--spanHours=" + o.getWorkloadHours(),
            "--start=" + start(o),
            "--duplicateFraction=" + o.getDuplicates(),
            "--lateFraction=" + o.getLate(),
            "--tooLateFraction=" + o.getTooLate(),
            "--malformedFraction=" + o.getMalformed()));
  }
}
