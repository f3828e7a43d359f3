package io.onceflow.pipelines.messages;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.DemoRun;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/**
 * {@code onceflow demo messages}: the whole story on this machine. Starts a Kafka broker, creates
 * the topic {@value #TOPIC} (one partition, like the notebook's single producer), generates message
 * records into it (duplicates, earlier twins arriving last, corrupted, malformed, late and too-late
 * records), runs the pipeline in streaming mode (the DirectRunner, or the runner of {@code
 * --profile}) until its tables verify against the ground truth, stops it and prints the
 * verification and the two gold reports. The broker and the pipeline are stopped on the way out,
 * Ctrl-C included.
 */
public final class MessagesDemo {

  static final String TOPIC = "messages";

  /** How many of the per-user report's rows the demo prints (the most active users). */
  private static final int USERS_SHOWN = 10;

  private MessagesDemo() {}

  public static MessagesDemoOptions options(String[] args) {
    MessagesDemoOptions o =
        CommandOptions.parse(
            DemoRun.detached(MessagesPipeline.withDefaults(args)), MessagesDemoOptions.class);
    Path work = Paths.get(o.getWorkDir()).toAbsolutePath();
    DemoRun.streamFromLocalKafka(o, work, TOPIC);
    o.setTo("kafka");
    o.setOutput(work.resolve("generated").toString());
    o.setTriggerSeconds(2);
    o.setEarlyFiringSeconds(2);
    MessagesGenerator.check(o);
    MessagesPipelineOptionsCheck.check(o);
    DemoRun.checkTimeout(o.getTimeoutMinutes());
    return o;
  }

  /** True when the tables verified against the ground truth. */
  public static boolean run(MessagesDemoOptions o, PrintStream out) throws IOException {
    Path work = DemoRun.freshWorkDir(Paths.get(o.getWorkDir()));
    try (LocalKafkaBroker broker = new LocalKafkaBroker(work.resolve("kafka"))) {
      out.println("onceflow demo: starting a Kafka broker ...");
      broker.start();
      broker.createTopic(TOPIC, 1);
      o.setBootstrapServers(broker.bootstrapServers());
      io.onceflow.pipelines.dashboard.DashboardServer dashboard =
          io.onceflow.pipelines.dashboard.DemoDashboard.startIfAsked(o, out);
      GenerateMessages.generate(o, out);

      out.println(
          "onceflow demo: running the messages pipeline (streaming, "
              + o.getRunner().getSimpleName()
              + ") until its tables verify ...");
      PipelineResult pipeline = MessagesPipeline.run(o);
      VerifyMessagesOptions verify = o.as(VerifyMessagesOptions.class);
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
                  () -> VerifyMessages.verify(verify, DemoRun.quiet())));

      boolean ok = VerifyMessages.verify(verify, out);
      Catalog catalog = IcebergCatalogOptions.catalog(o).build();
      out.println();
      printChannelReport(catalog, o, out);
      out.println();
      printUserReport(catalog, o, out);
      out.println();
      DemoRun.printWhereTheTablesAre(
          MessagesPipeline.NAME, o.getWarehouse(), o.getNamespace(), o.getLateTable(), out);
      io.onceflow.pipelines.dashboard.DemoDashboard.keepServing(dashboard, out);
      return ok;
    }
  }

  private static void printChannelReport(Catalog catalog, MessagesDemoOptions o, PrintStream out) {
    List<Record> rows = rows(catalog, o, o.getChannelReportTable());
    rows.sort(
        Comparator.comparing((Record r) -> TableRows.value(r, "date").toString())
            .thenComparing(r -> TableRows.value(r, "channel").toString()));
    out.println(o.getChannelReportTable() + " (" + rows.size() + " rows)");
    StringBuilder header = new StringBuilder(String.format("  %-10s %-6s", "date", "channel"));
    for (String type : Message.EVENT_TYPES) {
      header.append(String.format(" %8s", type));
    }
    out.println(header.append(String.format(" %6s %s", "total", " pane")));
    for (Record r : rows) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  "  %-10s %-6s", TableRows.value(r, "date"), TableRows.value(r, "channel")));
      for (String type : Message.EVENT_TYPES) {
        line.append(String.format(" %8d", (Long) TableRows.value(r, type)));
      }
      out.println(
          line.append(
              String.format(
                  " %6d  %s%s",
                  (Long) TableRows.value(r, "total"),
                  TableRows.value(r, "pane_timing"),
                  (Boolean) TableRows.value(r, "is_final") ? " final" : "")));
    }
  }

  private static void printUserReport(Catalog catalog, MessagesDemoOptions o, PrintStream out) {
    List<Record> rows = rows(catalog, o, o.getUserReportTable());
    rows.sort(
        Comparator.comparing((Record r) -> -(Long) TableRows.value(r, "iterations"))
            .thenComparing(r -> (Integer) TableRows.value(r, "user_id")));
    out.println(
        o.getUserReportTable()
            + " ("
            + rows.size()
            + " rows; the "
            + Math.min(USERS_SHOWN, rows.size())
            + " with the most iterations)");
    StringBuilder header = new StringBuilder(String.format("  %-7s %10s", "user_id", "iterations"));
    for (String channel : Message.CHANNELS) {
      header.append(String.format(" %5s", channel));
    }
    out.println(header);
    for (Record r : rows.subList(0, Math.min(USERS_SHOWN, rows.size()))) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  "  %-7s %10d",
                  TableRows.value(r, "user_id"), (Long) TableRows.value(r, "iterations")));
      for (String channel : Message.CHANNELS) {
        line.append(String.format(" %5d", (Long) TableRows.value(r, channel)));
      }
      out.println(line);
    }
  }

  private static List<Record> rows(Catalog catalog, MessagesDemoOptions o, String table) {
    List<Record> rows = new ArrayList<>();
    TableRows.forEach(
        catalog.loadTable(TableIdentifier.of(o.getNamespace(), table)), r -> rows.add(r.copy()));
    return rows;
  }
}
