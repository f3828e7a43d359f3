package io.onceflow.pipelines.ledger;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.DemoRun;
import io.onceflow.pipelines.ShowTable;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
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
    LedgerDemoOptions o = CommandOptions.parse(DemoRun.withProfile(args), LedgerDemoOptions.class);
    Path work = Paths.get(o.getWorkDir()).toAbsolutePath();
    DemoRun.streamFromLocalKafka(o, work, TOPIC);
    o.setTo("kafka");
    o.setOutput(work.resolve("generated").toString());
    o.setTriggerSeconds(2);
    LedgerGenerator.check(o);
    LedgerPipelineOptionsCheck.check(o);
    DemoRun.checkTimeout(o.getTimeoutMinutes());
    return o;
  }

  /** True when the tables verified against the ground truth. */
  public static boolean run(LedgerDemoOptions o, PrintStream out) throws IOException {
    Path work = DemoRun.freshWorkDir(Paths.get(o.getWorkDir()));
    try (LocalKafkaBroker broker = new LocalKafkaBroker(work.resolve("kafka"))) {
      out.println("onceflow demo: starting a Kafka broker ...");
      broker.start();
      broker.createTopic(TOPIC, 3);
      o.setBootstrapServers(broker.bootstrapServers());
      io.onceflow.pipelines.dashboard.DashboardServer dashboard =
          io.onceflow.pipelines.dashboard.DemoDashboard.startIfAsked(o, out);
      GenerateLedger.generate(o, out);

      out.println(
          "onceflow demo: running the ledger (streaming, "
              + o.getRunner().getSimpleName()
              + ") until its tables verify ...");
      PipelineResult pipeline = LedgerPipeline.run(o);
      VerifyLedgerOptions verify = o.as(VerifyLedgerOptions.class);
      verify.setGroundTruth(o.getOutput());
      DemoRun.watch(
          pipeline,
          broker,
          o,
          out,
          () ->
              DemoRun.awaitPassing(
                  pipeline,
                  Duration.ofMinutes(o.getTimeoutMinutes()),
                  () -> VerifyLedger.verify(verify, DemoRun.quiet())));

      boolean ok = VerifyLedger.verify(verify, out);
      out.println();
      ShowTable.printRows(
          IcebergCatalogOptions.catalog(o)
              .build()
              .loadTable(TableIdentifier.of(o.getNamespace(), o.getSummaryTable())),
          12,
          out);
      out.println();
      DemoRun.printWhereTheTablesAre(
          LedgerPipeline.NAME, o.getWarehouse(), o.getNamespace(), o.getConflictsTable(), out);
      io.onceflow.pipelines.dashboard.DemoDashboard.keepServing(dashboard, out);
      return ok;
    }
  }
}
