package io.onceflow.it.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.Await;
import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.transactions.TransactionsPipeline;
import io.onceflow.pipelines.transactions.UpsertSinkScenario;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One streaming run of the flagship on the DirectRunner, from a real Kafka topic, fed hostile
 * records among valid ones (issue 21, done-when 2): a transaction dated ten years ahead, a
 * tombstone and bytes that are not UTF-8 are dead letters with their reasons; the far-future one
 * does not move the watermark, so a valid transaction two hours old that comes after it is counted
 * in its hour; and a straggler thirty days old, sent once the watermark has closed the early hours,
 * is in {@code late_events}, not in the totals. The run keeps going throughout, and every total is
 * exactly the sum of the valid, in-time transactions of its customer and hour.
 */
class HostileStreamIT {

  static final Duration PATIENCE = Duration.ofMinutes(3);
  static final String TOPIC = "hostile";

  @TempDir static Path dir;
  static LocalKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = new LocalKafkaBroker(dir.resolve("kafka"));
    broker.start();
    broker.createTopic(TOPIC, 1);
  }

  @AfterAll
  static void stopBroker() {
    broker.stop();
  }

  static String csv(String txn, Instant at, String customer, String amount) {
    return String.join(",", at.toString(), at.toString(), txn, customer, amount, "SUCCESS");
  }

  @Test
  void hostileRecordsAreDeadLettersAStragglerIsLateAndEveryTotalIsExact() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant h = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));
    Instant twoHoursOld = now.minus(Duration.ofHours(2));
    Instant future = now.plus(Duration.ofDays(3650));
    Path warehouse = dir.resolve("warehouse");
    PipelineResult run =
        TransactionsPipeline.run(
            TransactionsPipeline.options(
                new String[] {
                  "--source=kafka",
                  "--bootstrapServers=" + broker.bootstrapServers(),
                  "--topic=" + TOPIC,
                  "--startFrom=earliest",
                  "--streaming=true",
                  "--blockOnRun=false",
                  "--warehouse=" + warehouse,
                  "--commitIntervalSeconds=1"
                }));
    IcebergCatalogConfig tables = UpsertSinkScenario.hadoopCatalog(warehouse);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      send(producer, "a", csv("t-1", h.plus(Duration.ofMinutes(5)), "alice", "10.00"));
      send(producer, "b", csv("t-2", h.plus(Duration.ofMinutes(20)), "bob", "5.25"));
      send(producer, "c", csv("t-3", h.plus(Duration.ofMinutes(70)), "alice", "7.50"));
      send(producer, "f", csv("t-f", future, "alice", "1.00"));
      producer.send(new ProducerRecord<>(TOPIC, "tombstone", null)).get();
      byte[] notUtf8 = csv("t-u", twoHoursOld, "erin", "3.00").getBytes(StandardCharsets.UTF_8);
      notUtf8[notUtf8.length - 3] = (byte) 0xC3; // "SUCC\u00c3SS" with a lone lead byte: not UTF-8
      notUtf8[notUtf8.length - 2] = (byte) 0x28;
      producer.send(new ProducerRecord<>(TOPIC, "u", notUtf8)).get();
      send(producer, "d", csv("t-4", twoHoursOld, "carol", "2.00"));
      // Moves the watermark to about now: the hours h and h+1 close (with their 2 h lateness).
      send(producer, "e", csv("t-5", now.minus(Duration.ofMinutes(1)), "dave", "4.00"));

      String hourH = "alice " + t(h) + " ";
      Await.until(
          "alice's first hour has its final row",
          () -> totals(tables),
          rows -> rows.stream().anyMatch(r -> r.startsWith(hourH) && r.endsWith(" true")),
          rows -> String.join("\n", rows),
          PATIENCE,
          () -> stopped(run));

      send(producer, "s", csv("t-s", now.minus(Duration.ofDays(30)), "alice", "99.00"));
      Await.until(
          "the straggler is in late_events",
          () -> rows(tables, "late_events", "txn_id"),
          rows -> rows.contains("t-s"),
          rows -> String.join("\n", rows),
          PATIENCE,
          () -> stopped(run));
      Await.until(
          "three dead letters and every in-time transaction in the totals",
          () -> rows(tables, "dead_letters", "source"),
          rows -> rows.size() >= 3 && totals(tables).size() == 5,
          rows -> String.join("\n", rows) + "\n" + String.join("\n", totals(tables)),
          PATIENCE,
          () -> stopped(run));
      // The run never stops by itself: it is a stream, still going after all of it.
      assertThat(run.getState()).isEqualTo(PipelineResult.State.RUNNING);
    } finally {
      run.cancel();
    }

    assertThat(TableRows.read(tables, "onceflow", "dead_letters", "source", "stage", "error"))
        .hasSize(3)
        .anySatisfy(r -> assertThat(r).startsWith(TOPIC + "/0/3 read ").contains("future"))
        .anySatisfy(r -> assertThat(r).startsWith(TOPIC + "/0/4 ").contains("tombstone"))
        .anySatisfy(r -> assertThat(r).startsWith(TOPIC + "/0/5 read ").contains("UTF-8"));
    assertThat(
            TableRows.read(
                tables,
                "onceflow",
                "customer_hourly_totals",
                "customer_id",
                "window_start",
                "total_amount",
                "txn_count"))
        .containsExactlyInAnyOrder(
            "alice " + t(h) + " 10.00 1",
            "bob " + t(h) + " 5.25 1",
            "alice " + t(h.plus(Duration.ofHours(1))) + " 7.50 1",
            "carol " + t(twoHoursOld.truncatedTo(ChronoUnit.HOURS)) + " 2.00 1",
            "dave "
                + t(now.minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.HOURS))
                + " 4.00 1");
    assertThat(rows(tables, "late_events", "txn_id")).containsExactly("t-s");
    assertThat(rows(tables, "transactions", "txn_id"))
        .contains("t-1", "t-2", "t-3", "t-4", "t-5")
        .doesNotContain("t-f", "t-u");
  }

  /** As the table reader shows a time. */
  static String t(Instant at) {
    return at.atOffset(java.time.ZoneOffset.UTC).toString();
  }

  static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  static void send(KafkaProducer<String, byte[]> producer, String key, String value)
      throws Exception {
    producer.send(new ProducerRecord<>(TOPIC, key, value.getBytes(StandardCharsets.UTF_8))).get();
  }

  /** Rows of a table, or null while it does not exist yet. */
  static List<String> rows(IcebergCatalogConfig tables, String table, String... columns) {
    try {
      return TableRows.read(tables, "onceflow", table, columns);
    } catch (org.apache.iceberg.exceptions.NoSuchTableException notYet) {
      return null;
    }
  }

  static List<String> totals(IcebergCatalogConfig tables) {
    List<String> rows =
        rows(tables, "customer_hourly_totals", "customer_id", "window_start", "is_final");
    return rows == null ? List.of() : rows;
  }

  static Optional<String> stopped(PipelineResult run) {
    PipelineResult.State s = run.getState();
    return s.isTerminal() ? Optional.of("the run stopped: " + s) : Optional.empty();
  }
}
