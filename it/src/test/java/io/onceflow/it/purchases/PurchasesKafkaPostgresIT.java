package io.onceflow.it.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.local.LocalPostgres;
import io.onceflow.pipelines.purchases.Purchases;
import io.onceflow.pipelines.purchases.PurchasesPipeline;
import io.onceflow.transforms.jdbc.JdbcConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The purchases pipeline on the DirectRunner from a real Kafka broker into a real PostgreSQL:
 * generated purchases (duplicates, late and malformed records) on a 3-partition topic verify
 * against the ground truth to the cent, running totals included, and a replay of the topic from the
 * earliest offset leaves every table exactly as it was.
 */
class PurchasesKafkaPostgresIT {

  @TempDir static Path dir;
  static LocalKafkaBroker broker;
  static LocalPostgres postgres;
  static List<String> records;

  @BeforeAll
  static void start() throws Exception {
    postgres = new LocalPostgres(dir.resolve("pg"));
    postgres.start();
    broker = new LocalKafkaBroker(dir.resolve("kafka"));
    broker.start();
    broker.createTopic("purchases", 3);
    int generated =
        new Purchases()
            .generate()
            .execute(
                new String[] {
                  "--output=" + dir.resolve("generated"),
                  "--count=400",
                  "--stragglers=0",
                  "--start=2026-03-01T09:00:00Z",
                  "--spanMinutes=60"
                },
                quiet());
    assertThat(generated).isZero();
    records = Files.readAllLines(dir.resolve("generated").resolve("stream.json"));
    broker.produceValues("purchases", records);
  }

  @AfterAll
  static void stop() {
    JdbcConnection.closePools();
    broker.stop();
    postgres.stop();
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  static PipelineResult runFromEarliest(String... more) {
    String[] args = {
      "--source=kafka",
      "--bootstrapServers=" + broker.bootstrapServers(),
      "--topic=purchases",
      "--startFrom=earliest",
      "--maxRecords=" + records.size(),
      "--jdbcUrl=" + postgres.jdbcUrl(),
      "--jdbcCommitIntervalSeconds=1",
      "--progressSeconds=0"
    };
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    PipelineResult result = PurchasesPipeline.run(PurchasesPipeline.options(all));
    result.waitUntilFinish();
    return result;
  }

  static String verify(String schema) throws Exception {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int verified =
        new Purchases()
            .verify()
            .execute(
                new String[] {
                  "--jdbcUrl=" + postgres.jdbcUrl(),
                  "--dbSchema=" + schema,
                  "--groundTruth=" + dir.resolve("generated")
                },
                new PrintStream(report, true, StandardCharsets.UTF_8));
    String printed = report.toString(StandardCharsets.UTF_8);
    assertThat(verified).as(printed).isZero();
    return printed;
  }

  @Test
  void onFlinkTheTablesVerifyToo() throws Exception {
    PipelineResult flink = runFromEarliest("--profile=flink", "--dbSchema=flink");

    assertThat(flink.getClass().getName()).contains("Flink");
    assertThat(verify("flink")).contains("PASS");
  }

  static List<String> rows(String table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM onceflow." + table + " ORDER BY 1, 2, 3")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void theTablesVerifyAndAReplayFromTheEarliestOffsetChangesNothing() throws Exception {
    runFromEarliest();
    assertThat(verify("onceflow")).contains("PASS");
    List<String> windows = rows("retail_windows");
    List<String> retail = rows("retail");
    List<String> deadLetters = rows("dead_letters");
    assertThat(windows).isNotEmpty();
    assertThat(deadLetters).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("purchases|"));

    runFromEarliest();

    // Row for row, the time each row was written included: the replay wrote nothing.
    assertThat(rows("retail_windows")).containsExactlyElementsOf(windows);
    assertThat(rows("retail")).containsExactlyElementsOf(retail);
    assertThat(rows("dead_letters")).containsExactlyElementsOf(deadLetters);
  }
}
