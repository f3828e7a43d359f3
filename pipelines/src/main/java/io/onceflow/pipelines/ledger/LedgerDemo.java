package io.onceflow.pipelines.ledger;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.ProgressReporter;
import io.onceflow.pipelines.RunnerProfile;
import io.onceflow.pipelines.ShowTable;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@code onceflow demo ledger}: the whole story on this machine. Starts a Kafka broker, creates the
 * notebook's topic {@value #TOPIC} (3 partitions), generates ledger records into it (duplicates,
 * conflicting versions in both arrival orders, malformed records), runs the pipeline in streaming
 * mode (the DirectRunner, or the runner of {@code --profile}) until its tables verify against the
 * ground truth, stops it and prints the verification and the summary table. The broker and the
 * pipeline are stopped on the way out, Ctrl-C included.
 */
public final class LedgerDemo {

  static final String TOPIC = "financial_transactions";

  private LedgerDemo() {}

  public static LedgerDemoOptions options(String[] args) {
    LedgerDemoOptions o = CommandOptions.parse(RunnerProfile.apply(args), LedgerDemoOptions.class);
    Path work = Paths.get(o.getWorkDir()).toAbsolutePath();
    o.setTo("kafka");
    o.setTopic(TOPIC);
    o.setBootstrapServers("127.0.0.1:0"); // the broker's address is known once it runs
    o.setOutput(work.resolve("generated").toString());
    o.setSource("kafka");
    o.setStartFrom("committed");
    o.setStreaming(true);
    o.setWarehouse(work.resolve("warehouse").toString());
    o.setCommitIntervalSeconds(2);
    o.setTriggerSeconds(2);
    o.as(DirectOptions.class).setBlockOnRun(false);
    LedgerGenerator.check(o);
    LedgerPipelineOptionsCheck.check(o);
    if (o.getTimeoutMinutes() < 1) {
      throw new IllegalArgumentException(
          "--timeoutMinutes must be at least 1, was " + o.getTimeoutMinutes());
    }
    return o;
  }

  /** True when the tables verified against the ground truth. */
  public static boolean run(LedgerDemoOptions o, PrintStream out) throws IOException {
    Path work = Paths.get(o.getWorkDir()).toAbsolutePath();
    empty(work);
    try (LocalKafkaBroker broker = new LocalKafkaBroker(work.resolve("kafka"))) {
      out.println("onceflow demo: starting a Kafka broker ...");
      broker.start();
      broker.createTopic(TOPIC, 3);
      o.setBootstrapServers(broker.bootstrapServers());
      GenerateLedger.generate(o, out);

      out.println(
          "onceflow demo: running the ledger (streaming, "
              + o.getRunner().getSimpleName()
              + ") until its tables verify ...");
      PipelineResult pipeline = LedgerPipeline.run(o);
      Thread stopOnCtrlC = new Thread(() -> stop(pipeline, broker), "onceflow-demo-stop");
      Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
      VerifyLedgerOptions verify = o.as(VerifyLedgerOptions.class);
      verify.setGroundTruth(o.getOutput());
      try (ProgressReporter progress =
          ProgressReporter.start(pipeline, o.getProgressSeconds(), out)) {
        awaitVerified(pipeline, verify, Duration.ofMinutes(o.getTimeoutMinutes()));
      } finally {
        stop(pipeline, broker);
        Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
      }

      boolean ok = VerifyLedger.verify(verify, out);
      out.println();
      ShowTable.printRows(
          IcebergCatalogOptions.catalog(o)
              .build()
              .loadTable(TableIdentifier.of(o.getNamespace(), o.getSummaryTable())),
          12,
          out);
      out.println();
      out.println(
          "onceflow demo: tables in "
              + o.getWarehouse()
              + " (namespace "
              + o.getNamespace()
              + "); look at them with");
      out.println(
          "  ./onceflow show ledger --warehouse="
              + o.getWarehouse()
              + " --table="
              + o.getConflictsTable());
      return ok;
    }
  }

  /**
   * Until the tables verify (checked quietly every two seconds), the pipeline stops, or the time is
   * up; whichever comes first, the loud verification that follows says how it stands.
   */
  private static void awaitVerified(
      PipelineResult pipeline, VerifyLedgerOptions verify, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (VerifyLedger.verify(verify, new PrintStream(new ByteArrayOutputStream()))) {
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

  /** Deletes {@code dir}'s contents and recreates it. */
  private static void empty(Path dir) throws IOException {
    if (Files.exists(dir)) {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    }
    Files.createDirectories(dir);
  }
}
