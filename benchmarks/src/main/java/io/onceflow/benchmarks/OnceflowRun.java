package io.onceflow.benchmarks;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.local.ModuleOpens;
import io.onceflow.pipelines.cli.Onceflow;
import io.onceflow.pipelines.transactions.CustomerHourlyTotalsTable;
import io.onceflow.pipelines.transactions.GroundTruth;
import io.onceflow.pipelines.transactions.TransactionsPipeline;
import io.onceflow.pipelines.transactions.TransactionsTable;
import io.onceflow.pipelines.transactions.VerifyTotals;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * onceflow on one runner, as in production: the flagship pipeline in streaming mode reads the
 * workload's stream from a Kafka topic of its own; once every window is final (its last commit),
 * the stragglers are sent and must land in {@code late_events}. The run's time ends with the commit
 * that completed the tables (Iceberg's snapshot time, not when the harness looked), and starts when
 * its JVM was forked: start-up, the idle wait that closes the last windows and the commit interval
 * are part of it.
 */
final class OnceflowRun {

  private static final String NAMESPACE = "onceflow";

  /**
   * How long a table must stay unchanged before the harness scans it: scans cost CPU the run needs.
   */
  private static final long QUIET_MILLIS = 3000;

  private OnceflowRun() {}

  static RunResult run(
      String runner, Workload workload, BenchmarkOptions o, LocalKafkaBroker broker, Path runDir)
      throws IOException, InterruptedException {
    String system = "onceflow-" + runner;
    String topic = "bench-" + runner + "-" + workload.events;
    broker.createTopic(topic, 2);
    workload.send(broker.bootstrapServers(), topic, "stream");
    GroundTruth truth = workload.truth();
    Path warehouse = runDir.resolve("warehouse");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                TransactionsPipeline.NAME,
                "--profile=" + runner,
                "--source=kafka",
                "--bootstrapServers=" + broker.bootstrapServers(),
                "--topic=" + topic,
                "--consumerGroup=benchmark",
                "--startFrom=earliest",
                "--streaming=true",
                "--warehouse=" + warehouse,
                "--commitIntervalSeconds=" + o.getPipelineCommitSeconds(),
                "--idleSeconds=" + o.getPipelineIdleSeconds(),
                "--progressSeconds=30"));
    if (runner.equals("flink")) {
      // Flink's default checkpoint storage is the JobManager's memory, which refuses a state over
      // 5 MB: at 1M transactions every checkpoint failed and the job restarted from the last good
      // one, forever.
      args.add("--stateBackend=filesystem");
      args.add("--stateBackendStoragePath=" + runDir.resolve("flink-checkpoints").toUri());
    }
    if (runner.equals("spark")) {
      args.add("--checkpointDir=" + runDir.resolve("spark-checkpoints").toUri());
      args.add("--batchIntervalMillis=" + o.getSparkBatchIntervalMillis());
      args.add("--checkpointDurationMillis=" + o.getSparkBatchIntervalMillis());
    }
    List<String> jvm = new ArrayList<>(List.of("-Xmx6g", "-XX:+UseParallelGC"));
    jvm.addAll(ModuleOpens.inherited());
    Path recording = runDir.resolve("run.jfr");
    if (o.getJfr()) {
      jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
    }
    Catalog catalog = IcebergCatalogOptions.catalog(catalogOptions(warehouse)).build();
    long deadline =
        System.currentTimeMillis() + Duration.ofMinutes(o.getRunTimeoutMinutes()).toMillis();
    try (MeasuredProcess p =
        MeasuredProcess.start(jvm, Onceflow.class.getName(), args, runDir.resolve("run.log"))) {
      long windows = truth.totals().size();
      long finalAt =
          awaitCommit(
              catalog,
              CustomerHourlyTotalsTable.NAME,
              rows ->
                  rows.stream()
                          .filter(r -> Boolean.TRUE.equals(TableRows.value(r, "is_final")))
                          .count()
                      == windows,
              p,
              deadline);
      workload.send(broker.bootstrapServers(), topic, "stragglers");
      long lateAt =
          awaitCommit(
              catalog,
              TransactionsTable.LATE_EVENTS,
              rows -> rows.size() == truth.tooLate(),
              p,
              deadline);
      long deadAt =
          awaitCommit(
              catalog, DeadLettersTable.NAME, rows -> rows.size() == truth.invalid(), p, deadline);
      long ledgerAt =
          awaitCommit(
              catalog,
              TransactionsTable.NAME,
              rows -> rows.size() == truth.transactions(),
              p,
              deadline);
      p.sample();
      double wall =
          (Math.max(Math.max(finalAt, lateAt), Math.max(deadAt, ledgerAt)) - p.startedAtMillis)
              / 1000.0;
      long commits = 0;
      for (String t :
          List.of(
              CustomerHourlyTotalsTable.NAME,
              TransactionsTable.NAME,
              TransactionsTable.LATE_EVENTS,
              DeadLettersTable.NAME)) {
        for (Snapshot ignored : catalog.loadTable(TableIdentifier.of(NAMESPACE, t)).snapshots()) {
          commits++;
        }
      }
      p.close();
      long wrong = TotalsCheck.wrongKeys(truth, totals(catalog));
      boolean verified;
      try (PrintStream out =
          new PrintStream(
              Files.newOutputStream(runDir.resolve("verify.txt")), true, StandardCharsets.UTF_8)) {
        verified =
            VerifyTotals.verify(
                VerifyTotals.options(
                    new String[] {"--groundTruth=" + workload.dir, "--warehouse=" + warehouse}),
                out);
      }
      RunResult result =
          new RunResult(
              system,
              workload.events,
              truth.records(),
              wall,
              p.peakRssMb(),
              p.cpuSeconds(),
              commits,
              wrong,
              verified
                  ? "verify OK"
                  : "verify DIFFERENT (see " + runDir.resolve("verify.txt") + ")");
      return o.getJfr() && Files.exists(recording)
          ? result.withHotspots(Hotspots.report(recording, 15))
          : result;
    } catch (RunFailed e) {
      return RunResult.failed(system, workload.events, truth.records(), e.getMessage());
    }
  }

  /**
   * Until {@code table}'s rows satisfy {@code done}; returns the commit time of the snapshot that
   * did. The rows are scanned only after the table has been quiet for a while.
   */
  private static long awaitCommit(
      Catalog catalog, String table, Predicate<List<Record>> done, MeasuredProcess p, long deadline)
      throws InterruptedException, RunFailed {
    long lastSnapshot = -1;
    long changedAt = System.currentTimeMillis();
    long scanned = -2;
    while (true) {
      p.sample();
      if (!p.isAlive()) {
        throw new RunFailed(
            "the pipeline exited ("
                + p.exitValue()
                + ") before "
                + table
                + " was complete:\n"
                + p.tail());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new RunFailed("timed out waiting for " + table);
      }
      Table t;
      try {
        t = catalog.loadTable(TableIdentifier.of(NAMESPACE, table));
      } catch (NoSuchTableException notYet) {
        Thread.sleep(1000);
        continue;
      }
      Snapshot current = t.currentSnapshot();
      long id = current == null ? -1 : current.snapshotId();
      if (id != lastSnapshot) {
        lastSnapshot = id;
        changedAt = System.currentTimeMillis();
      } else if (current != null
          && id != scanned
          && System.currentTimeMillis() - changedAt >= QUIET_MILLIS) {
        scanned = id;
        List<Record> rows = new ArrayList<>();
        TableRows.forEach(t, rows::add);
        if (done.test(rows)) {
          return current.timestampMillis();
        }
      }
      Thread.sleep(1000);
    }
  }

  private static Map<String, String> totals(Catalog catalog) {
    Map<String, String> totals = new HashMap<>();
    TableRows.forEach(
        catalog.loadTable(TableIdentifier.of(NAMESPACE, CustomerHourlyTotalsTable.NAME)),
        r ->
            totals.put(
                GroundTruth.key(
                    (String) TableRows.value(r, "customer_id"),
                    ((OffsetDateTime) TableRows.value(r, "window_start")).toInstant()),
                TableRows.value(r, "total_amount") + " " + TableRows.value(r, "txn_count")));
    return totals;
  }

  private static IcebergCatalogOptions catalogOptions(Path warehouse) {
    IcebergCatalogOptions c = PipelineOptionsFactory.create().as(IcebergCatalogOptions.class);
    c.setWarehouse(warehouse.toString());
    return c;
  }

  /** A run that did not complete: it is reported as failed, with why. */
  static final class RunFailed extends Exception {
    RunFailed(String message) {
      super(message);
    }
  }
}
