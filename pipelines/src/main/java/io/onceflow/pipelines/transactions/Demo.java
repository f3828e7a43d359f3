package io.onceflow.pipelines.transactions;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.AwaitTables;
import io.onceflow.pipelines.DemoRun;
import io.onceflow.pipelines.ShowTable;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@code onceflow demo}: the whole story on this machine, nothing to install. Starts a Kafka
 * broker, generates transactions into it (late, duplicated and malformed records included), runs
 * the pipeline in streaming mode (on the DirectRunner, or the runner of {@code --profile}) until
 * every window's final pane is committed, then sends the stragglers (too late by then), waits for
 * them to land in {@code late_events}, verifies every table against the ground truth and prints the
 * totals. The broker and the pipeline are stopped on the way out, Ctrl-C included.
 */
public final class Demo {

  static final String TOPIC = "transactions";

  private Demo() {}

  public static DemoOptions options(String[] args) {
    PipelineOptionsFactory.register(DemoOptions.class);
    DemoOptions o =
        PipelineOptionsFactory.fromArgs(DemoRun.withProfile(args))
            .withValidation()
            .as(DemoOptions.class);
    Path work = Paths.get(o.getWorkDir()).toAbsolutePath();
    DemoRun.streamFromLocalKafka(o, work, TOPIC);
    o.setTo("kafka");
    o.setOutput(work.resolve("generated").toString());
    o.setEarlyFiringSeconds(5);
    TransactionGenerator.check(o);
    TransactionsPipelineOptionsCheck.check(o);
    DemoRun.checkTimeout(o.getTimeoutMinutes());
    return o;
  }

  /** True when the tables verified against the ground truth. */
  public static boolean run(DemoOptions o, PrintStream out) throws IOException {
    Path work = DemoRun.freshWorkDir(Paths.get(o.getWorkDir()));
    try (LocalKafkaBroker broker = new LocalKafkaBroker(work.resolve("kafka"))) {
      out.println("onceflow demo: starting a Kafka broker ...");
      broker.start();
      broker.createTopic(TOPIC, 3);
      o.setBootstrapServers(broker.bootstrapServers());
      io.onceflow.pipelines.dashboard.DashboardServer dashboard =
          io.onceflow.pipelines.dashboard.DemoDashboard.startIfAsked(o, out);
      o.setPart("stream");
      TransactionGenerator.Generated data = GenerateTransactions.generate(o, out);
      GroundTruth truth = data.truth();

      out.println(
          "onceflow demo: running the pipeline (streaming, "
              + o.getRunner().getSimpleName()
              + ") until every window is final ...");
      PipelineResult pipeline = TransactionsPipeline.run(o);
      Catalog catalog = IcebergCatalogOptions.catalog(o).build();
      AwaitTables await =
          new AwaitTables(
              pipeline, catalog, o.getNamespace(), Duration.ofMinutes(o.getTimeoutMinutes()));
      DemoRun.watch(
          pipeline,
          broker,
          o,
          out,
          () -> {
            await.finalRows(CustomerHourlyTotalsTable.NAME, truth.totals.size());
            out.printf(
                "onceflow demo: %d customer-hours final; now sending %d stragglers, too late for"
                    + " their windows ...%n",
                truth.totals.size(), data.stragglers().size());
            GenerateTransactions.send(o.getBootstrapServers(), o.getTopic(), data.stragglers());
            await.rows(TransactionsTable.LATE_EVENTS, truth.tooLate);
            await.rows(DeadLettersTable.NAME, truth.invalid);
            await.rows(TransactionsTable.NAME, truth.transactions);
          });

      VerifyOptions verify = o.as(VerifyOptions.class);
      verify.setGroundTruth(o.getOutput());
      boolean ok = VerifyTotals.verify(verify, out);
      out.println();
      ShowTable.printRows(
          catalog.loadTable(TableIdentifier.of(o.getNamespace(), CustomerHourlyTotalsTable.NAME)),
          12,
          out);
      out.println();
      DemoRun.printWhereTheTablesAre(
          TransactionsPipeline.NAME,
          o.getWarehouse(),
          o.getNamespace(),
          TransactionsTable.LATE_EVENTS,
          out);
      io.onceflow.pipelines.dashboard.DemoDashboard.keepServing(dashboard, out);
      return ok;
    }
  }
}
