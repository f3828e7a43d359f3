package io.onceflow.it.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.transactions.TransactionsPipeline;
import io.onceflow.pipelines.transactions.UpsertSinkScenario;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transactions pipeline on the DirectRunner reading a real Kafka broker: the example file's
 * records on a 3-partition topic give the same totals and ledger as the file itself, and a replay
 * of the topic from the earliest offset leaves every table as it was.
 */
class TransactionsPipelineKafkaIT {

  static final Path EXAMPLE =
      Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();

  @TempDir static Path dir;
  static LocalKafkaBroker broker;
  static List<String> records;

  @BeforeAll
  static void startBrokerWithTheExample() throws IOException {
    broker = new LocalKafkaBroker(dir.resolve("kafka"));
    broker.start();
    records = Files.readAllLines(EXAMPLE).stream().skip(1).toList();
    broker.createTopic("transactions", 3);
    broker.produceValues("transactions", records);
  }

  @AfterAll
  static void stopBroker() {
    broker.stop();
  }

  static void run(String... args) {
    TransactionsPipeline.run(TransactionsPipeline.options(args)).waitUntilFinish();
  }

  static void runKafka(Path warehouse) {
    run(
        "--source=kafka",
        "--bootstrapServers=" + broker.bootstrapServers(),
        "--topic=transactions",
        "--startFrom=earliest",
        "--maxRecords=" + records.size(),
        "--warehouse=" + warehouse,
        "--commitIntervalSeconds=1");
  }

  @Test
  void aTombstoneIsADeadLetterAndTheRunGoesOn() {
    broker.createTopic("with-tombstone", 1);
    broker.produce(
        "with-tombstone",
        List.of(
            new ProducerRecord<>("with-tombstone", "a", records.get(0)),
            new ProducerRecord<>("with-tombstone", "b", null),
            new ProducerRecord<>("with-tombstone", "c", records.get(1))));
    Path warehouse = dir.resolve("tombstone-warehouse");
    run(
        "--source=kafka",
        "--bootstrapServers=" + broker.bootstrapServers(),
        "--topic=with-tombstone",
        "--startFrom=earliest",
        "--maxRecords=3",
        "--warehouse=" + warehouse,
        "--commitIntervalSeconds=1");
    IcebergCatalogConfig tables = UpsertSinkScenario.hadoopCatalog(warehouse);
    assertThat(TableRows.read(tables, "onceflow", "dead_letters", "source", "raw", "error"))
        .containsExactly("with-tombstone/0/1  the record has no value (a Kafka tombstone)");
    assertThat(TableRows.read(tables, "onceflow", "transactions", "txn_id")).hasSize(2);
  }

  @Test
  void kafkaGivesTheSameTablesAsTheFileAndAReplayChangesNothing() {
    Path fromFile = dir.resolve("file-warehouse");
    Path fromKafka = dir.resolve("kafka-warehouse");
    run("--input=" + EXAMPLE, "--warehouse=" + fromFile, "--commitIntervalSeconds=1");
    runKafka(fromKafka);
    IcebergCatalogConfig file = UpsertSinkScenario.hadoopCatalog(fromFile);
    IcebergCatalogConfig kafka = UpsertSinkScenario.hadoopCatalog(fromKafka);

    String[] totalsColumns = {
      "customer_id", "window_start", "total_amount", "txn_count", "is_final"
    };
    String[] ledgerColumns = {
      "txn_id", "event_time", "processing_time", "customer_id", "amount", "status"
    };
    List<String> totals =
        TableRows.read(kafka, "onceflow", "customer_hourly_totals", totalsColumns);
    assertThat(totals)
        .hasSize(5)
        .containsExactlyInAnyOrderElementsOf(
            TableRows.read(file, "onceflow", "customer_hourly_totals", totalsColumns));
    assertThat(TableRows.read(kafka, "onceflow", "transactions", ledgerColumns))
        .hasSize(10)
        .containsExactlyInAnyOrderElementsOf(
            TableRows.read(file, "onceflow", "transactions", ledgerColumns));
    List<String> deadLetters = TableRows.read(kafka, "onceflow", "dead_letters", "source", "raw");
    assertThat(deadLetters)
        .hasSize(4)
        .allSatisfy(row -> assertThat(row).startsWith("transactions/"));

    long snapshots = 0;
    for (String table :
        List.of("customer_hourly_totals", "transactions", "dead_letters", "late_events")) {
      snapshots += TableRows.snapshots(kafka, "onceflow", table);
    }
    runKafka(fromKafka);

    assertThat(TableRows.read(kafka, "onceflow", "customer_hourly_totals", totalsColumns))
        .containsExactlyInAnyOrderElementsOf(totals);
    assertThat(TableRows.read(kafka, "onceflow", "dead_letters", "source", "raw"))
        .containsExactlyInAnyOrderElementsOf(deadLetters);
    long after = 0;
    for (String table :
        List.of("customer_hourly_totals", "transactions", "dead_letters", "late_events")) {
      after += TableRows.snapshots(kafka, "onceflow", table);
    }
    assertThat(after).isEqualTo(snapshots);
  }
}
