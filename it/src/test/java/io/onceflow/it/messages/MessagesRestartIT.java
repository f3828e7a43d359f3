package io.onceflow.it.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.Await;
import io.onceflow.it.support.PipelineProcess;
import io.onceflow.it.support.RunnerJobs;
import io.onceflow.it.support.TableWatch;
import io.onceflow.local.LocalFlinkCluster;
import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.local.LocalSparkCluster;
import io.onceflow.local.SparkSqlReader;
import io.onceflow.pipelines.cli.Onceflow;
import io.onceflow.pipelines.messages.ChannelDailyReportTable;
import io.onceflow.pipelines.messages.GenerateMessages;
import io.onceflow.pipelines.messages.LateMessagesTable;
import io.onceflow.pipelines.messages.Message;
import io.onceflow.pipelines.messages.Messages;
import io.onceflow.pipelines.messages.MessagesGroundTruth;
import io.onceflow.pipelines.messages.MessagesPipeline;
import io.onceflow.pipelines.messages.UserChannelsReportTable;
import io.onceflow.pipelines.messages.VerifyMessages;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages pipeline streaming from Kafka, stopped mid-stream and restarted the way
 * docs/runners.md says for its runner, ends with bronze, silver and gold tables that verify against
 * the ground truth ({@code verify messages}: bronze = messages + corrupted, every record counted
 * once, both gold reports row for row), and Spark SQL — a reader onceflow did not write — reads the
 * two gold reports with the expected rows: on Direct (a child JVM killed with SIGKILL, restarted
 * from the earliest offset), on a Flink session cluster (the job jar, the whole cluster killed,
 * resumed from its latest checkpoint) and on a Spark standalone cluster (the job jar, the driver
 * killed, resumed from {@code --checkpointDir}).
 *
 * <p>Mid-stream means: the topic holds only the first half of the records when the job starts; it
 * is killed once the channel report has rows but not every day is final, and the second half is
 * sent while it is down. The too-late records (the generator delivers them last) are held back
 * until every day is final, so that they are too late on every runner. One partition, as in the
 * demo: no partition read ahead holds the others' records too late.
 */
class MessagesRestartIT {

  static final Duration PATIENCE = Duration.ofMinutes(5);
  static final String NAMESPACE = "onceflow";

  // Kept when a test fails: the cluster, driver and pipeline logs are the evidence.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static Path generated;
  static MessagesGroundTruth truth;
  static List<String> stream;
  static List<String> stragglers;

  @BeforeAll
  static void generate() throws Exception {
    generated = dir.resolve("generated");
    // Event times from three days ago: the stragglers are then days late, not months, and the
    // source's idle watermark, which follows the clock, closes every day once the stream is read.
    String start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS).toString();
    int exit =
        new Messages()
            .generate()
            .execute(
                new String[] {
                  "--output=" + generated,
                  "--seed=18",
                  "--start=" + start,
                  "--count=1200",
                  "--spanHours=48",
                  "--files=1"
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(exit).isZero();
    truth = MessagesGroundTruth.read(generated);
    List<String> all = records(generated.resolve(GenerateMessages.RECORDS_DIR));
    int tooLate = Math.toIntExact(truth.count("too_late"));
    assertThat(tooLate).isPositive();
    stream = all.subList(0, all.size() - tooLate);
    stragglers = all.subList(all.size() - tooLate, all.size());
    assertThat(stragglers)
        .as("the generator delivers the too-late records last")
        .allSatisfy(line -> assertThat(line).contains("\"late-"));
  }

  /** A new one-partition topic holding the first half of the stream, in arrival order. */
  static String topicWithTheFirstHalf(LocalKafkaBroker broker, String runner) {
    String topic = runner + "-messages";
    broker.createTopic(topic, 1);
    broker.produceValues(topic, stream.subList(0, stream.size() / 2));
    return topic;
  }

  static void sendTheSecondHalf(LocalKafkaBroker broker, String topic) {
    broker.produceValues(topic, stream.subList(stream.size() / 2, stream.size()));
  }

  static List<String> pipelineArgs(
      LocalKafkaBroker broker, Path warehouse, String topic, String startFrom, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                // The command line's, as every entry point (a JVM's main, either job jar) has it.
                "run",
                MessagesPipeline.NAME,
                "--source=kafka",
                "--bootstrapServers=" + broker.bootstrapServers(),
                "--topic=" + topic,
                "--consumerGroup=" + topic,
                "--startFrom=" + startFrom,
                "--streaming=true",
                "--warehouse=" + warehouse,
                "--commitIntervalSeconds=1",
                "--earlyFiringSeconds=2",
                "--triggerSeconds=2",
                // Long enough that the source does not go idle, and its watermark jump to the
                // clock, before the kill: the second half would then be too late for every day.
                "--idleSeconds=30",
                "--progressSeconds=5"));
    args.addAll(List.of(more));
    return args;
  }

  static long finalDays(IcebergCatalogConfig tables) {
    List<Record> rows = TableWatch.rows(tables, NAMESPACE, ChannelDailyReportTable.NAME);
    return rows == null
        ? 0
        : rows.stream().filter(r -> (Boolean) TableRows.value(r, "is_final")).count();
  }

  /**
   * Until the channel report has rows (and whatever else {@code alsoReady} asks), then checks that
   * the job is mid-stream: not every row of the report is final.
   */
  static void awaitMidStream(
      IcebergCatalogConfig tables, Supplier<Optional<String>> stopped, BooleanSupplier alsoReady)
      throws InterruptedException {
    TableWatch.await(
        tables,
        NAMESPACE,
        ChannelDailyReportTable.NAME,
        "a committed pane",
        rows -> !rows.isEmpty() && alsoReady.getAsBoolean(),
        PATIENCE,
        stopped);
    assertThat(finalDays(tables))
        .as("final rows of the channel report at the kill, of " + truth.channelDaily.size())
        .isLessThan(truth.channelDaily.size());
  }

  /**
   * Until every row of the channel report is final, then sends the too-late records, waits until
   * they are all in {@code messages_late} and until {@code verify messages} passes.
   */
  static void awaitEverything(
      LocalKafkaBroker broker,
      IcebergCatalogConfig tables,
      Path warehouse,
      String topic,
      Supplier<Optional<String>> stopped)
      throws InterruptedException {
    int days = truth.channelDaily.size();
    TableWatch.await(
        tables,
        NAMESPACE,
        ChannelDailyReportTable.NAME,
        days + " final rows",
        rows ->
            rows.size() == days
                && rows.stream().allMatch(r -> (Boolean) TableRows.value(r, "is_final")),
        PATIENCE,
        stopped);
    broker.produceValues(topic, stragglers);
    TableWatch.await(
        tables,
        NAMESPACE,
        LateMessagesTable.NAME,
        stragglers.size() + " too-late records",
        rows -> rows.size() == stragglers.size(),
        PATIENCE,
        stopped);
    Await.until(
        "verify messages passes",
        () -> verifies(warehouse),
        printed -> printed.contains("onceflow verify: OK"),
        printed -> printed,
        PATIENCE,
        stopped);
  }

  /** What {@code verify messages} prints now. */
  static String verifies(Path warehouse) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      VerifyMessages.verify(
          VerifyMessages.options(
              new String[] {"--groundTruth=" + generated, "--warehouse=" + warehouse}),
          new PrintStream(printed, true, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  /**
   * Both gold reports, read by Spark SQL through a Hadoop catalog on the warehouse, equal the
   * ground truth's rows.
   */
  static void assertSparkSqlReadsTheReports(Path warehouse, String runner) {
    StringBuilder sql = new StringBuilder("SELECT 'channel', concat(date, '|', channel)");
    for (String type : Message.EVENT_TYPES) {
      sql.append(", ").append(type);
    }
    sql.append(", total FROM lake.")
        .append(NAMESPACE)
        .append('.')
        .append(ChannelDailyReportTable.NAME)
        .append(" UNION ALL SELECT 'user', CAST(user_id AS STRING), iterations");
    for (String channel : Message.CHANNELS) {
      sql.append(", ").append(channel);
    }
    sql.append(" FROM lake.").append(NAMESPACE).append('.').append(UserChannelsReportTable.NAME);
    List<List<String>> rows =
        SparkSqlReader.query(
            Map.of("type", "hadoop", "warehouse", warehouse.toUri().toString()),
            sql.toString(),
            dir.resolve(runner + "-spark-sql"));

    Map<String, String> channelDaily = new TreeMap<>();
    Map<String, String> userChannels = new TreeMap<>();
    for (List<String> row : rows) {
      assertThat(row).hasSize(8);
      if (row.get(0).equals("channel")) {
        Map<String, Long> byType = new LinkedHashMap<>();
        for (int i = 0; i < Message.EVENT_TYPES.size(); i++) {
          byType.put(Message.EVENT_TYPES.get(i), Long.parseLong(row.get(2 + i)));
        }
        channelDaily.put(
            row.get(1), MessagesGroundTruth.channelRow(byType, Long.parseLong(row.get(7))));
      } else {
        Map<String, Long> byChannel = new LinkedHashMap<>();
        for (int i = 0; i < Message.CHANNELS.size(); i++) {
          byChannel.put(Message.CHANNELS.get(i), Long.parseLong(row.get(3 + i)));
        }
        userChannels.put(
            row.get(1), MessagesGroundTruth.userRow(Long.parseLong(row.get(2)), byChannel));
      }
    }
    assertThat(channelDaily).isEqualTo(truth.channelDaily);
    assertThat(userChannels).isEqualTo(truth.userChannels);
  }

  @Test
  void directRunnerKilledThenRestartedFromTheEarliestOffsetVerifies() throws Exception {
    Path warehouse = dir.resolve("direct-warehouse");
    IcebergCatalogConfig tables = IcebergCatalogConfig.hadoop(warehouse);
    String main = Onceflow.class.getName();
    try (LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("direct-kafka"))) {
      broker.start();
      String topic = topicWithTheFirstHalf(broker, "direct");
      try (PipelineProcess first =
          PipelineProcess.start(
              main,
              dir.resolve("direct-1.log"),
              List.of(),
              pipelineArgs(broker, warehouse, topic, "committed").toArray(new String[0]))) {
        awaitMidStream(tables, first::stopped, () -> true);
        first.kill9();
      }
      sendTheSecondHalf(broker, topic);

      // The DirectRunner keeps no state: its restart re-reads the topic (docs/runners.md).
      try (PipelineProcess second =
          PipelineProcess.start(
              main,
              dir.resolve("direct-2.log"),
              List.of(),
              pipelineArgs(broker, warehouse, topic, "earliest").toArray(new String[0]))) {
        awaitEverything(broker, tables, warehouse, topic, second::stopped);
      }
    }
    assertSparkSqlReadsTheReports(warehouse, "direct");
  }

  /**
   * The Flink job jar on a session cluster ({@code flink run}); the whole cluster (JobManager,
   * TaskManager, client) is killed once a pane is committed and a checkpoint exists, started again,
   * and the job resubmitted from its latest retained checkpoint ({@code flink run -s}).
   */
  @Test
  @Tag("chaos") // ./mvnw -B verify -Pchaos (docs/RELIABILITY.md)
  void flinkClusterKilledThenResumedFromItsLatestCheckpointVerifies() throws Exception {
    Path warehouse = dir.resolve("flink-warehouse");
    IcebergCatalogConfig tables = IcebergCatalogConfig.hadoop(warehouse);
    Path checkpoints = dir.resolve("flink-checkpoints");
    Path jar = RunnerJobs.jobJar("flink");
    try (LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("flink-kafka"));
        LocalFlinkCluster cluster = new LocalFlinkCluster(dir.resolve("flink-cluster"))) {
      broker.start();
      String topic = topicWithTheFirstHalf(broker, "flink");
      List<String> args =
          pipelineArgs(
              broker,
              warehouse,
              topic,
              "committed",
              "--profile=flink",
              "--checkpointingInterval=2000",
              "--stateBackend=filesystem",
              "--stateBackendStoragePath=" + checkpoints.toUri());
      cluster.start();
      String first = cluster.submit(jar, Optional.empty(), args);
      awaitMidStream(
          tables,
          RunnerJobs.flinkJobStopped(cluster, first),
          () -> LocalFlinkCluster.latestCheckpoint(checkpoints, first).isPresent());
      cluster.crash();
      sendTheSecondHalf(broker, topic);

      cluster.start();
      Path checkpoint = LocalFlinkCluster.latestCheckpoint(checkpoints, first).orElseThrow();
      String second = cluster.submit(jar, Optional.of(checkpoint), args);
      awaitEverything(
          broker, tables, warehouse, topic, RunnerJobs.flinkJobStopped(cluster, second));
      assertThat(cluster.restoredFrom(second))
          .as("the checkpoint the resubmitted job started from")
          .hasValueSatisfying(p -> assertThat(p).endsWith(checkpoint.getFileName().toString()));
      cluster.cancel(second);
    }
    assertSparkSqlReadsTheReports(warehouse, "flink");
  }

  /**
   * The Spark job jar on a standalone cluster ({@code spark-submit}); the driver is killed once a
   * pane is committed and a checkpoint of the streaming state exists, then the same command runs
   * again and resumes from {@code --checkpointDir}, as the flagship's CrashRecoveryIT does.
   */
  @Test
  @Tag("chaos") // ./mvnw -B verify -Pchaos (docs/RELIABILITY.md)
  void sparkDriverKilledThenResumedFromItsCheckpointDirVerifies() throws Exception {
    Path warehouse = dir.resolve("spark-warehouse");
    IcebergCatalogConfig tables = IcebergCatalogConfig.hadoop(warehouse);
    Path checkpoints = dir.resolve("spark-checkpoints");
    Path jar = RunnerJobs.jobJar("spark");
    String main = Onceflow.class.getName();
    try (LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("spark-kafka"));
        LocalSparkCluster cluster = new LocalSparkCluster(dir.resolve("spark-cluster"))) {
      broker.start();
      String topic = topicWithTheFirstHalf(broker, "spark");
      cluster.start();
      List<String> args =
          pipelineArgs(
              broker,
              warehouse,
              topic,
              "committed",
              "--profile=spark",
              "--sparkMaster=" + cluster.masterUrl(),
              "--filesToStage=" + jar,
              "--checkpointDir=" + checkpoints.toUri());
      LocalSparkCluster.Driver first = cluster.submit(jar, main, args);
      awaitMidStream(
          tables,
          RunnerJobs.driverStopped(first),
          () -> RunnerJobs.hasStateCheckpoint(checkpoints));
      first.kill();
      sendTheSecondHalf(broker, topic);

      LocalSparkCluster.Driver second = cluster.submit(jar, main, args);
      awaitEverything(broker, tables, warehouse, topic, RunnerJobs.driverStopped(second));
      second.kill();
    }
    assertSparkSqlReadsTheReports(warehouse, "spark");
  }

  /** The generated records in arrival order. */
  static List<String> records(Path recordsDir) throws IOException {
    List<String> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(recordsDir).sorted()) {
      for (Path f : files.toList()) {
        all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    return all;
  }
}
