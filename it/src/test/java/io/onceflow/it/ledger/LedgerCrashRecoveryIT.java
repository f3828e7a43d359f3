package io.onceflow.it.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.Await;
import io.onceflow.it.support.PipelineProcess;
import io.onceflow.it.support.TableWatch;
import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.cli.Onceflow;
import io.onceflow.pipelines.ledger.GenerateLedger;
import io.onceflow.pipelines.ledger.LedgerGroundTruth;
import io.onceflow.pipelines.ledger.LedgerPipeline;
import io.onceflow.pipelines.ledger.VerifyLedger;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger killed with SIGKILL mid-stream on the DirectRunner and restarted from the earliest
 * offset (the DirectRunner keeps no state: docs/runners.md), as {@code CrashRecoveryIT} does for
 * the flagship: the topic holds only the first half of a generated stream when the job starts, the
 * job is killed once the ledger has a commit but not every transaction, the second half is sent
 * while it is down, and after the restart {@code verify ledger} must pass (the notebook's four
 * checks, the summary to the cent, every record accounted for).
 */
@Tag("chaos") // ./mvnw -B verify -Pchaos (docs/RELIABILITY.md)
class LedgerCrashRecoveryIT {

  static final String TOPIC = "financial_transactions";
  static final Duration PATIENCE = Duration.ofMinutes(5);

  // Kept when the test fails: the pipeline's and the broker's logs are the evidence.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  @Test
  void directRunnerKilledMidStreamThenRestartedFromTheEarliestOffsetVerifies() throws Exception {
    Path generated = dir.resolve("generated");
    GenerateLedger.generate(
        GenerateLedger.options(
            new String[] {"--seed=11", "--count=2000", "--files=1", "--output=" + generated}),
        System.out);
    List<String> stream = records(generated.resolve(GenerateLedger.RECORDS_DIR));
    LedgerGroundTruth truth = LedgerGroundTruth.read(generated);
    Path warehouse = dir.resolve("warehouse");
    IcebergCatalogConfig tables = IcebergCatalogConfig.hadoop(warehouse);

    try (LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("kafka"))) {
      broker.start();
      broker.createTopic(TOPIC, 1);
      broker.produceValues(TOPIC, stream.subList(0, stream.size() / 2));

      try (PipelineProcess first = start(broker, warehouse, "committed", "1")) {
        TableWatch.await(
            tables,
            "onceflow",
            "transactions_ledger",
            "a committed ledger",
            rows -> !rows.isEmpty(),
            PATIENCE,
            first::stopped);
        first.kill9();
      }
      long atKill = TableWatch.rows(tables, "onceflow", "transactions_ledger").size();
      assertThat(atKill).as("ledger rows when killed").isLessThan(truth.transactions());

      broker.produceValues(TOPIC, stream.subList(stream.size() / 2, stream.size()));
      try (PipelineProcess second = start(broker, warehouse, "earliest", "2")) {
        Await.until(
            "verify ledger passes",
            () -> verifies(generated, warehouse),
            printed -> printed.contains("onceflow verify: OK"),
            printed -> printed,
            PATIENCE,
            second::stopped);
      }
    }
  }

  private static PipelineProcess start(
      LocalKafkaBroker broker, Path warehouse, String startFrom, String run) throws IOException {
    return PipelineProcess.start(
        Onceflow.class.getName(),
        dir.resolve("ledger-" + run + ".log"),
        List.of(),
        "run",
        LedgerPipeline.NAME,
        "--source=kafka",
        "--bootstrapServers=" + broker.bootstrapServers(),
        "--topic=" + TOPIC,
        "--consumerGroup=ledger-crash",
        "--startFrom=" + startFrom,
        "--streaming=true",
        "--warehouse=" + warehouse,
        "--commitIntervalSeconds=1",
        "--triggerSeconds=1",
        "--progressSeconds=5");
  }

  /** What {@code verify ledger} prints now. */
  private static String verifies(Path generated, Path warehouse) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      VerifyLedger.verify(
          VerifyLedger.options(
              new String[] {"--groundTruth=" + generated, "--warehouse=" + warehouse}),
          new PrintStream(printed, true, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** The generated records in arrival order. */
  private static List<String> records(Path recordsDir) throws IOException {
    List<String> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(recordsDir).sorted()) {
      for (Path f : files.toList()) {
        all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    return all;
  }
}
