package io.onceflow.pipelines.purchases;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.local.LocalPostgres;
import io.onceflow.pipelines.RunMonitor;
import io.onceflow.pipelines.RunnerProfile;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.jdbc.JdbcConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;

/**
 * {@code onceflow demo purchases}: the whole story on this machine, nothing to install. Starts an
 * embedded PostgreSQL and a Kafka broker, creates the topic {@value #TOPIC} (3 partitions),
 * generates purchases into it (duplicates, late and malformed records), runs the pipeline in
 * streaming mode until every window is final, then sends purchases too late for their windows,
 * waits until the tables verify against the ground truth, and prints the verification and rows of
 * {@code retail} read back with plain SQL. Everything is stopped on the way out, Ctrl-C included.
 */
public final class PurchasesDemo {

  static final String TOPIC = "purchases";

  private PurchasesDemo() {}

  public static PurchasesDemoOptions options(String[] args) {
    PurchasesDemoOptions o =
        CommandOptions.parse(RunnerProfile.apply(args), PurchasesDemoOptions.class);
    Path work = Paths.get(o.getWorkDir()).toAbsolutePath();
    o.setTo("kafka");
    o.setTopic(TOPIC);
    o.setBootstrapServers("127.0.0.1:0"); // the broker's address is known once it runs
    o.setJdbcUrl("jdbc:postgresql://127.0.0.1:0/postgres"); // likewise the database's
    o.setOutput(work.resolve("generated").toString());
    o.setSource("kafka");
    o.setStartFrom("committed");
    o.setStreaming(true);
    o.setJdbcCommitIntervalSeconds(2);
    o.setEarlyFiringSeconds(5);
    o.as(DirectOptions.class).setBlockOnRun(false);
    GeneratePurchases.check(o);
    PurchasesPipelineOptionsCheck.check(o);
    if (o.getTimeoutMinutes() < 1) {
      throw new IllegalArgumentException(
          "--timeoutMinutes must be at least 1, was " + o.getTimeoutMinutes());
    }
    return o;
  }

  /** True when the tables verified against the ground truth. */
  public static boolean run(PurchasesDemoOptions o, PrintStream out) throws Exception {
    Path work = Paths.get(o.getWorkDir()).toAbsolutePath();
    deleteRecursively(work);
    Files.createDirectories(work);
    try (LocalPostgres postgres = new LocalPostgres(work.resolve("postgres"));
        LocalKafkaBroker broker = new LocalKafkaBroker(work.resolve("kafka"))) {
      out.println("onceflow demo: starting PostgreSQL and a Kafka broker ...");
      postgres.start();
      broker.start();
      broker.createTopic(TOPIC, 3);
      o.setBootstrapServers(broker.bootstrapServers());
      o.setJdbcUrl(postgres.jdbcUrl());
      io.onceflow.pipelines.dashboard.DashboardServer dashboard =
          io.onceflow.pipelines.dashboard.DemoDashboard.startIfAsked(o, out);
      long windowMillis = Duration.ofMinutes(o.getWindowMinutes()).toMillis();
      PurchaseGenerator.Generated data = GeneratePurchases.generate(o, windowMillis, out);
      PurchaseGroundTruth truth =
          PurchaseGroundTruth.of(
              GeneratePurchases.values(data.stream()),
              GeneratePurchases.values(data.stragglers()),
              windowMillis);

      out.println(
          "onceflow demo: running the pipeline (streaming, "
              + o.getRunner().getSimpleName()
              + ") until every window is final ...");
      PipelineResult pipeline = PurchasesPipeline.run(o);
      Thread stopOnCtrlC = new Thread(() -> stop(pipeline), "onceflow-demo-stop");
      Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
      VerifyPurchasesOptions verify = o.as(VerifyPurchasesOptions.class);
      verify.setGroundTruth(o.getOutput());
      Instant deadline = Instant.now().plus(Duration.ofMinutes(o.getTimeoutMinutes()));
      try (RunMonitor monitor = RunMonitor.start(pipeline, o, out)) {
        awaitFinalWindows(pipeline, o, truth.windows.size(), deadline);
        out.printf(
            "onceflow demo: %d windows final; now sending %d purchases too late for their"
                + " windows ...%n",
            truth.windows.size(), data.stragglers().size());
        GeneratePurchases.send(o.getBootstrapServers(), o.getTopic(), data.stragglers());
        awaitVerified(pipeline, verify, deadline);
      } finally {
        stop(pipeline);
        Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
      }

      boolean ok = VerifyPurchases.verify(verify, out);
      out.println();
      printRetail(o, out);
      JdbcConnection.closePools();
      out.println();
      out.println(
          "onceflow demo: the tables were in an embedded PostgreSQL (stopped now). To run against"
              + " yours:");
      out.println(
          "  ./onceflow run purchases --source=kafka --bootstrapServers=HOST:9092 --topic=purchases"
              + " --streaming --jdbcUrl=jdbc:postgresql://DBHOST:5432/DB --jdbcUser=USER"
              + " --jdbcPasswordFile=FILE");
      io.onceflow.pipelines.dashboard.DemoDashboard.keepServing(dashboard, out);
      return ok;
    }
  }

  /** A few rows of the view, with plain SQL, as any reader of the database sees them. */
  private static void printRetail(PurchasesPipelineOptions o, PrintStream out) throws SQLException {
    String sql =
        "SELECT category, payment_method, window_start, avg_price, total_quantity, total_amount,"
            + " running_total FROM "
            + o.getDbSchema()
            + ".retail ORDER BY category, payment_method, window_start LIMIT 8";
    out.println("psql> " + sql + ";");
    try (Connection c = JdbcConnection.from(o).connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      out.println(
          "category | payment_method | window_start | avg_price | total_quantity | total_amount"
              + " | running_total");
      while (rs.next()) {
        out.println(
            String.join(
                " | ",
                rs.getString(1),
                rs.getString(2),
                rs.getObject(3, java.time.OffsetDateTime.class).toInstant().toString(),
                rs.getBigDecimal(4).toPlainString(),
                Long.toString(rs.getLong(5)),
                rs.getBigDecimal(6).toPlainString(),
                rs.getBigDecimal(7).toPlainString()));
      }
      c.commit();
    }
  }

  private static void awaitFinalWindows(
      PipelineResult pipeline, PurchasesPipelineOptions o, long expected, Instant deadline)
      throws SQLException {
    String sql =
        "SELECT count(*) FROM " + o.getDbSchema() + "." + RetailTables.WINDOWS + " WHERE is_final";
    while (Instant.now().isBefore(deadline)) {
      try (Connection c = JdbcConnection.from(o).connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        long n = rs.getLong(1);
        c.commit();
        if (n >= expected) {
          return;
        }
      }
      if (waitOn(pipeline)) {
        return;
      }
    }
  }

  /** Until the tables verify (checked quietly), the pipeline stops, or the time is up. */
  private static void awaitVerified(
      PipelineResult pipeline, VerifyPurchasesOptions verify, Instant deadline) {
    while (Instant.now().isBefore(deadline)) {
      try {
        if (VerifyPurchases.verify(verify, new PrintStream(new ByteArrayOutputStream()))) {
          return;
        }
      } catch (IOException | RuntimeException notYet) {
        // A table not created yet: look again.
      }
      if (waitOn(pipeline)) {
        return;
      }
    }
  }

  /** Waits two seconds on the pipeline; true if it has stopped. */
  private static boolean waitOn(PipelineResult pipeline) {
    PipelineResult.State state =
        pipeline.waitUntilFinish(org.joda.time.Duration.standardSeconds(2));
    return state != null && state.isTerminal();
  }

  private static void stop(PipelineResult pipeline) {
    try {
      if (!pipeline.getState().isTerminal()) {
        pipeline.cancel();
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("onceflow demo: cancelling the pipeline failed: " + e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
