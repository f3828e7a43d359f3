package io.onceflow.pipelines.clickstream;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.AwaitTables;
import io.onceflow.pipelines.DemoRun;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/**
 * {@code onceflow demo clickstream}: the whole story on this machine. Starts a Kafka broker,
 * creates the topic {@value #TOPIC} (3 partitions, keyed by user), generates click events into it
 * (late and malformed ones among them), runs the pipeline in streaming mode (the DirectRunner, or
 * the runner of {@code --profile}) until every window of the three windowed tables is final, then
 * sends events of sessions that have closed (too late for every output), waits until every table
 * verifies against the ground truth, stops the pipeline and prints the verification and the alerts.
 * The broker and the pipeline are stopped on the way out, Ctrl-C included.
 */
public final class ClickstreamDemo {

  static final String TOPIC = "clickstream";

  /** How many alerts the demo prints. */
  private static final int ALERTS_SHOWN = 6;

  private ClickstreamDemo() {}

  static ClickstreamDemoOptions options(String[] args) {
    ClickstreamDemoOptions o =
        CommandOptions.parse(DemoRun.withProfile(args), ClickstreamDemoOptions.class);
    Path work = Paths.get(o.getWorkDir()).toAbsolutePath();
    DemoRun.streamFromLocalKafka(o, work, TOPIC);
    o.setTo("kafka");
    o.setOutput(work.resolve("generated").toString());
    // Speculative panes every few seconds rather than the notebook's two minutes, so that the
    // demo's alerts are raised before their windows close, as they would be in production.
    o.setFiringSeconds(5);
    ClickstreamGenerator.check(o);
    ClickstreamPipelineOptionsCheck.check(o);
    DemoRun.checkTimeout(o.getTimeoutMinutes());
    return o;
  }

  /** True when the tables verified against the ground truth. */
  static boolean run(ClickstreamDemoOptions o, PrintStream out) throws IOException {
    Path work = DemoRun.freshWorkDir(Paths.get(o.getWorkDir()));
    try (LocalKafkaBroker broker = new LocalKafkaBroker(work.resolve("kafka"))) {
      out.println("onceflow demo: starting a Kafka broker ...");
      broker.start();
      broker.createTopic(TOPIC, 3);
      o.setBootstrapServers(broker.bootstrapServers());
      io.onceflow.pipelines.dashboard.DashboardServer dashboard =
          io.onceflow.pipelines.dashboard.DemoDashboard.startIfAsked(o, out);
      ClickstreamGenerator.Generated data = GenerateClickstream.generate(o, out);
      ClickstreamGroundTruth truth = data.truth();

      out.println(
          "onceflow demo: running the clickstream (streaming, "
              + o.getRunner().getSimpleName()
              + ") until every window is final ...");
      Instant deadline = Instant.now().plus(Duration.ofMinutes(o.getTimeoutMinutes()));
      PipelineResult pipeline = ClickstreamPipeline.run(o);
      Catalog catalog = IcebergCatalogOptions.catalog(o).build();
      VerifyClickstreamOptions verify = o.as(VerifyClickstreamOptions.class);
      verify.setGroundTruth(o.getOutput());
      DemoRun.watch(
          pipeline,
          broker,
          o,
          out,
          () -> {
            AwaitTables await =
                new AwaitTables(
                    pipeline, catalog, o.getNamespace(), Duration.between(Instant.now(), deadline));
            await.finalRows(o.getUserActivityTable(), truth.activity.size());
            await.finalRows(o.getSlidingTable(), truth.sliding.size());
            await.finalRows(o.getSessionsTable(), truth.sessions.size());
            out.printf(
                "onceflow demo: %d user_activity windows, %d sessions and %d sliding windows"
                    + " final; now sending %d events of closed sessions, too late ...%n",
                truth.activity.size(),
                truth.sessions.size(),
                truth.sliding.size(),
                data.tooLate().size());
            GenerateClickstream.send(o.getBootstrapServers(), o.getTopic(), data.tooLate());
            DemoRun.awaitPassing(
                pipeline,
                Duration.between(Instant.now(), deadline),
                () -> VerifyClickstream.verify(verify, DemoRun.quiet()));
          });

      boolean ok = VerifyClickstream.verify(verify, out);
      out.println();
      printAlerts(catalog, o, out);
      out.println();
      DemoRun.printWhereTheTablesAre(
          ClickstreamPipeline.NAME, o.getWarehouse(), o.getNamespace(), o.getAlertsTable(), out);
      io.onceflow.pipelines.dashboard.DemoDashboard.keepServing(dashboard, out);
      return ok;
    }
  }

  private static void printAlerts(Catalog catalog, ClickstreamDemoOptions o, PrintStream out) {
    List<Record> rows = new ArrayList<>();
    TableRows.forEach(
        catalog.loadTable(TableIdentifier.of(o.getNamespace(), o.getAlertsTable())),
        r -> rows.add(r.copy()));
    rows.sort(
        Comparator.comparing((Record r) -> (OffsetDateTime) TableRows.value(r, "window_start"))
            .thenComparing(r -> TableRows.value(r, "user_id").toString()));
    out.printf(
        "%s (%d rows%s)%n",
        o.getAlertsTable(),
        rows.size(),
        rows.size() > ALERTS_SHOWN ? "; the first " + ALERTS_SHOWN : "");
    out.printf(
        "  %-20s %-9s %-10s %-26s %-9s %6s %9s  %s%n",
        "window_start", "user_id", "session_id", "rule", "status", "events", "purchases", "pane");
    for (Record r : rows.subList(0, Math.min(ALERTS_SHOWN, rows.size()))) {
      out.printf(
          "  %-20s %-9s %-10s %-26s %-9s %6d %9d  %s%s%n",
          ((OffsetDateTime) TableRows.value(r, "window_start")).toInstant(),
          TableRows.value(r, "user_id"),
          TableRows.value(r, "session_id"),
          TableRows.value(r, "rule"),
          TableRows.value(r, "status"),
          (Long) TableRows.value(r, "total_events"),
          (Long) TableRows.value(r, "purchase_count"),
          TableRows.value(r, "pane_timing"),
          Boolean.TRUE.equals(TableRows.value(r, "is_final")) ? " final" : "");
    }
  }
}
