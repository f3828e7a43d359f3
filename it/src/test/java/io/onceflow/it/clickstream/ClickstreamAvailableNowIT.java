package io.onceflow.it.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.it.support.Await;
import io.onceflow.it.support.PipelineProcess;
import io.onceflow.local.LocalKafkaBroker;
import io.onceflow.pipelines.cli.Onceflow;
import io.onceflow.pipelines.clickstream.Clickstream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --trigger=available-now} twice in a row on a growing topic (issue 19, done-when 3): the
 * first part of a generated clickstream in the topic, a run that reads it and exits by itself (0);
 * the rest sent; a second run that exits by itself too, whose new records are exactly the rest (its
 * run summary), which reads again only what the windows the first left open need, and after which
 * every table holds the ground truth's values, i.e. what one continuous run over the whole stream
 * makes; {@code user_state} included, which the second run continues from the snapshot the first
 * recorded with its offsets, counting only its new records. The rows of the windows still open when
 * the second run stopped are not final (no record has moved the watermark past them), so verify
 * runs with {@code --expectFinal=false}; the test checks that most rows are final.
 *
 * <p>The data set's sessions start over four hours of event time, so that the second run's read
 * again, from two hours (the default {@code --rereadMinutes}) before the first run's stop
 * watermark, is a part of the first run's records, not all of them. Three partitions keyed by user,
 * as the demo has them.
 */
class ClickstreamAvailableNowIT {

  // The DirectRunner reads this pipeline at some 12 records/s on 2 cores (the second run reads
  // 2,679 records, 1,575 of them again): a deadline, not a measure.
  static final Duration PATIENCE = Duration.ofMinutes(8);
  static final Pattern USER = Pattern.compile("\"user_id\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern SUMMARY = Pattern.compile("^\\s+(records new|read again)\\s+(\\d+)$");

  // Kept when a test fails: the pipeline logs are the evidence.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static LocalKafkaBroker broker;
  static Path generated;
  static List<String> stream;

  @BeforeAll
  static void startBrokerAndGenerate() throws Exception {
    broker = new LocalKafkaBroker(dir.resolve("kafka"));
    broker.start();
    generated = dir.resolve("generated");
    int exit =
        new Clickstream()
            .generate()
            .execute(
                new String[] {
                  "--to=files",
                  "--output=" + generated,
                  "--seed=19",
                  "--spanMinutes=240",
                  "--tooLate=0"
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(exit).isZero();
    stream = Files.readAllLines(generated.resolve("stream.json"));
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Tag("chaos") // ./mvnw -B verify -Pchaos: minutes (docs/RELIABILITY.md)
  void twoAvailableNowRunsInARowMakeTheTablesOfOneContinuousRun() throws Exception {
    String topic = "clickstream-available-now";
    broker.createTopic(topic, 3);
    int split = stream.size() * 3 / 5;
    send(topic, stream.subList(0, split));

    List<String> first = runAvailableNow(topic, "first");
    assertThat(count(first, "records new")).as("the first run's new records").isEqualTo(split);
    assertThat(count(first, "read again")).as("the first run's records read again").isZero();

    send(topic, stream.subList(split, stream.size()));
    List<String> second = runAvailableNow(topic, "second");
    assertThat(count(second, "records new"))
        .as("the second run's new records: exactly those sent after the first run")
        .isEqualTo(stream.size() - split);
    assertThat(count(second, "read again"))
        .as("records of the first run read again, for the windows it left open")
        .isPositive()
        .isLessThan(split);

    ByteArrayOutputStream verified = new ByteArrayOutputStream();
    int code =
        new Clickstream()
            .verify()
            .execute(
                new String[] {
                  "--groundTruth=" + generated,
                  "--warehouse=" + dir.resolve("warehouse"),
                  "--expectTooLate=false",
                  "--expectFinal=false"
                },
                new PrintStream(verified, true, StandardCharsets.UTF_8));
    String report = verified.toString(StandardCharsets.UTF_8);
    assertThat(report).contains("OK — 0 differences");
    assertThat(code).as(report).isZero();
    Matcher open = Pattern.compile("(\\d+) rows of windows still open").matcher(report);
    assertThat(open.find()).as(report).isTrue();
    long stillOpen = Long.parseLong(open.group(1));
    Matcher windows = Pattern.compile("(\\d+) sliding windows").matcher(report);
    assertThat(windows.find()).as(report).isTrue();
    // The windows of the last half hour or so of each output, whose lateness the data's watermark
    // has not passed (measured: 568 rows, of 1729 sliding windows and 2236 rows in all).
    assertThat(stillOpen).as(report).isPositive().isLessThan(Long.parseLong(windows.group(1)) / 2);

    // Another consumer group over the same tables: user_state has rows that none of its runs
    // recorded, so nothing says which records they count. Refused before anything runs.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int refused =
        Onceflow.execute(
            new String[] {
              "run",
              "clickstream",
              "--source=kafka",
              "--bootstrapServers=" + broker.bootstrapServers(),
              "--topic=" + topic,
              "--consumerGroup=another-group",
              "--streaming=true",
              "--trigger=available-now",
              "--warehouse=" + dir.resolve("warehouse")
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(refused).as(message).isEqualTo(2);
    assertThat(message)
        .contains("onceflow.user_state has rows that no available-now run of consumer group")
        .contains("another-group")
        .doesNotContain("\tat ");
  }

  /** A run of what the topic holds now; it must exit 0 by itself. Its output lines. */
  static List<String> runAvailableNow(String topic, String name) throws Exception {
    Path log = dir.resolve(name + ".log");
    try (PipelineProcess run =
        PipelineProcess.start(
            Onceflow.class.getName(),
            log,
            // The command line's logging (onceflow's lines at INFO), not the tests' (WARN).
            List.of("-Dlog4j2.configurationFile=log4j2.xml"),
            "run",
            "clickstream",
            "--source=kafka",
            "--bootstrapServers=" + broker.bootstrapServers(),
            "--topic=" + topic,
            "--consumerGroup=available-now",
            "--streaming=true",
            "--trigger=available-now",
            "--warehouse=" + dir.resolve("warehouse"),
            "--commitIntervalSeconds=1",
            "--progressSeconds=5")) {
      String why =
          Await.until(
              "it exited by itself",
              () -> run.stopped().orElse(null),
              stopped -> true,
              stopped -> stopped,
              PATIENCE,
              Optional::empty);
      assertThat(why).startsWith("exit code 0");
    }
    return Files.readAllLines(log);
  }

  static long count(List<String> lines, String what) {
    for (String line : lines) {
      Matcher m = SUMMARY.matcher(line);
      if (m.matches() && m.group(1).equals(what)) {
        return Long.parseLong(m.group(2));
      }
    }
    throw new AssertionError("no '" + what + "' line in the run summary: " + lines);
  }

  /** Keyed by user, as the generator sends them: a user's events in one partition, in order. */
  static void send(String topic, List<String> values) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (String v : values) {
      Matcher m = USER.matcher(v);
      records.add(new ProducerRecord<>(topic, m.find() ? m.group(1) : null, v));
    }
    broker.produce(topic, records);
  }
}
