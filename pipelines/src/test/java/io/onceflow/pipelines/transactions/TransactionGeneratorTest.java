package io.onceflow.pipelines.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionGeneratorTest {

  @TempDir Path dir;

  static GenerateOptions options(String... args) {
    GenerateOptions o = GenerateTransactions.options(args);
    if (o.getStart().isBlank()) {
      o.setStart("2026-01-01T00:00:00Z");
    }
    return o;
  }

  static List<String> values(List<TransactionGenerator.Line> lines) {
    return lines.stream().map(TransactionGenerator.Line::value).toList();
  }

  @Test
  void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
    TransactionGenerator.Generated a = TransactionGenerator.generate(options("--count=500"));
    TransactionGenerator.Generated b = TransactionGenerator.generate(options("--count=500"));
    TransactionGenerator.Generated c =
        TransactionGenerator.generate(options("--count=500", "--seed=7"));

    assertThat(values(a.stream())).isEqualTo(values(b.stream()));
    assertThat(values(a.stragglers())).isEqualTo(values(b.stragglers()));
    assertThat(values(a.stream())).isNotEqualTo(values(c.stream()));
  }

  @Test
  void theGroundTruthAccountsForEveryRecordAsAskedFor() {
    TransactionGenerator.Generated g =
        TransactionGenerator.generate(
            options(
                "--count=2000",
                "--duplicateFraction=0.05",
                "--malformedFraction=0.02",
                "--tooLateFraction=0.01"));
    GroundTruth t = g.truth();

    assertThat(g.stream()).hasSize(2000 + 100 + 40);
    assertThat(g.stragglers()).hasSize(20);
    assertThat(t.invalid).as("every malformed record is rejected by the parser").isEqualTo(40);
    assertThat(t.duplicates).isEqualTo(100);
    assertThat(t.tooLate).isEqualTo(20);
    assertThat(t.transactions).isEqualTo(2020);
    assertThat(t.records).isEqualTo(t.invalid + t.duplicates + t.transactions);
  }

  @Test
  void
      noStreamRecordArrivesLaterThanTheMaxLatenessAndStragglersComeBackToClosedHoursThatHaveTotals()
          throws Exception {
    TransactionGenerator.Generated g =
        TransactionGenerator.generate(
            options("--count=3000", "--lateFraction=0.2", "--maxLatenessMinutes=30"));

    Instant newest = Instant.EPOCH;
    int late = 0;
    for (TransactionGenerator.Line l : g.stream()) {
      if (l.key() == null) {
        continue;
      }
      Instant t = Instant.ofEpochMilli(TransactionCsvParser.parse(l.value()).eventTime.getMillis());
      assertThat(t).as(l.value()).isAfterOrEqualTo(newest.minus(Duration.ofMinutes(30)));
      late += t.isBefore(newest.minus(Duration.ofSeconds(30))) ? 1 : 0;
      newest = t.isAfter(newest) ? t : newest;
    }
    assertThat(late).as("records behind the out-of-orderness").isGreaterThan(100);
    for (TransactionGenerator.Line l : g.stragglers()) {
      TransactionEvent e = TransactionCsvParser.parse(l.value());
      Instant t = Instant.ofEpochMilli(e.eventTime.getMillis());
      assertThat(t).isBefore(newest.minus(TransactionGenerator.STRAGGLER_AGE));
      Instant hour = Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), 3_600_000L) * 3_600_000L);
      assertThat(g.truth().totals).containsKey(GroundTruth.key(e.customerId, hour));
    }
  }

  @Test
  void theGroundTruthFilesReadBackTheSame() throws IOException {
    GroundTruth t = TransactionGenerator.generate(options("--count=300")).truth();
    t.write(dir);
    GroundTruth back = GroundTruth.read(dir);

    assertThat(back.totals).isEqualTo(t.totals);
    assertThat(
            List.of(
                back.records,
                back.invalid,
                back.duplicates,
                back.tooLate,
                back.transactions,
                back.windowMinutes))
        .isEqualTo(List.of(t.records, t.invalid, t.duplicates, t.tooLate, t.transactions, 60L));
  }

  @Test
  void aBoundedRunOverGeneratedFilesPassesVerifyAgainstTheGroundTruthAndJsonToo()
      throws IOException {
    for (String format : List.of("csv", "json")) {
      Path data = dir.resolve(format);
      GenerateTransactions.generate(
          options("--count=400", "--tooLateFraction=0", "--format=" + format, "--output=" + data),
          new PrintStream(new ByteArrayOutputStream()));
      String[] run = {
        "--input=" + data.resolve("events") + "/*",
        "--format=" + format,
        "--warehouse=" + data.resolve("warehouse"),
        "--commitIntervalSeconds=1"
      };
      TransactionsPipeline.run(TransactionsPipeline.options(run)).waitUntilFinish();

      ByteArrayOutputStream text = new ByteArrayOutputStream();
      List<String> verify = new ArrayList<>(List.of(run));
      verify.add("--groundTruth=" + data);
      boolean ok =
          VerifyTotals.verify(
              VerifyTotals.options(verify.toArray(String[]::new)), new PrintStream(text, true));

      assertThat(ok).as(text.toString()).isTrue();
      assertThat(text.toString()).contains("OK", "0 differences");
    }
  }

  @Test
  void badOptionsFailNamingTheOption() {
    assertThatThrownBy(() -> options("--count=0")).hasMessageContaining("--count");
    assertThatThrownBy(() -> options("--lateFraction=1.5")).hasMessageContaining("--lateFraction");
    assertThatThrownBy(() -> options("--spanHours=3")).hasMessageContaining("--spanHours");
    assertThatThrownBy(() -> options("--start=yesterday")).hasMessageContaining("--start");
    assertThatThrownBy(() -> options("--to=s3")).hasMessageContaining("--to");
    assertThatThrownBy(() -> options("--to=kafka")).hasMessageContaining("--bootstrapServers");
    assertThatThrownBy(() -> options("--part=some")).hasMessageContaining("--part");
    assertThatThrownBy(() -> options("--format=xml")).hasMessageContaining("--format");
  }
}
