package io.onceflow.pipelines.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerGeneratorTest {

  static GenerateLedgerOptions options(String... args) {
    return GenerateLedger.options(args);
  }

  static List<String> values(LedgerGenerator.Generated g) {
    return g.records().stream().map(LedgerGenerator.Line::value).toList();
  }

  @Test
  void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
    assertThat(values(LedgerGenerator.generate(options())))
        .isEqualTo(values(LedgerGenerator.generate(options())))
        .isNotEqualTo(values(LedgerGenerator.generate(options("--seed=7"))));
  }

  @Test
  void theDefaultsAreTheNotebooksProducerAndTheTruthAccountsForEveryRecord() throws Exception {
    LedgerGenerator.Generated g = LedgerGenerator.generate(options());
    LedgerGroundTruth t = g.truth();

    assertThat(g.records()).hasSize(200 + 10 + 10 + 10);
    assertThat(t.records).isEqualTo(230);
    assertThat(t.transactions()).isEqualTo(200);
    assertThat(t.invalid).as("every malformed record is rejected by the parser").isEqualTo(10);
    assertThat(t.duplicates).isEqualTo(10);
    assertThat(t.conflictingVersions).isEqualTo(10);
    assertThat(t.conflicts).hasSize(10);
    assertThat(t.records)
        .isEqualTo(t.transactions() + t.conflictingVersions + t.duplicates + t.invalid);
    for (LedgerGenerator.Line l : g.records()) {
      if (l.key() == null) {
        continue;
      }
      LedgerEntry e = LedgerJsonParser.parse(l.value());
      assertThat(e.transactionId).matches("TXN000\\d{5}").isEqualTo(l.key());
      assertThat(e.accountFrom).matches("ACC[1-9]\\d{3}");
      assertThat(e.amount).isBetween(new BigDecimal("10.00"), new BigDecimal("10000.00"));
    }
  }

  @Test
  void everyKindOfMalformedRecordIsADeadLetterAndConflictsArriveInBothOrders() throws Exception {
    LedgerGenerator.Generated g =
        LedgerGenerator.generate(
            options("--count=1000", "--malformedFraction=0.3", "--conflictFraction=0.2"));
    assertThat(g.truth().invalid).isEqualTo(300);
    assertThat(g.truth().conflicts).hasSize(200);
    // A conflict's winner (the greatest version) arrives first for some ids and last for others.
    int winnerFirst = 0;
    int winnerLast = 0;
    java.util.Map<String, String> firstHash = new java.util.HashMap<>();
    for (LedgerGenerator.Line l : g.records()) {
      if (l.key() != null && g.truth().conflicts.containsKey(l.key())) {
        firstHash.putIfAbsent(l.key(), LedgerJsonParser.parse(l.value()).transactionHash);
      }
    }
    for (var c : g.truth().conflicts.entrySet()) {
      String winner = c.getValue().split(" ")[1];
      if (winner.equals(firstHash.get(c.getKey()))) {
        winnerFirst++;
      } else {
        winnerLast++;
      }
    }
    assertThat(winnerFirst).isGreaterThan(50);
    assertThat(winnerLast).isGreaterThan(50);
  }

  @Test
  void theSummaryIsTheLedgersWinnersToTheCent() {
    LedgerGroundTruth t = LedgerGenerator.generate(options()).truth();
    BigDecimal ledger =
        t.ledger.values().stream()
            .map(row -> new BigDecimal(row.split(" ")[2]))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal summary =
        t.summary.values().stream()
            .map(row -> new BigDecimal(row.split(" ")[1]))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    long count = t.summary.values().stream().mapToLong(r -> Long.parseLong(r.split(" ")[0])).sum();

    assertThat(t.summary).hasSize(12);
    assertThat(summary).isEqualByComparingTo(ledger);
    assertThat(count).isEqualTo(200);
  }

  @Test
  void theGroundTruthFilesReadBackTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    LedgerGroundTruth t = LedgerGenerator.generate(options()).truth();
    t.write(dir);
    LedgerGroundTruth back = LedgerGroundTruth.read(dir);

    assertThat(back.ledger).isEqualTo(t.ledger);
    assertThat(back.conflicts).isEqualTo(t.conflicts);
    assertThat(back.summary).isEqualTo(t.summary);
    assertThat(List.of(back.records, back.invalid, back.duplicates, back.conflictingVersions))
        .isEqualTo(List.of(t.records, t.invalid, t.duplicates, t.conflictingVersions));
  }

  @Test
  void badOptionsFailNamingTheOption() {
    assertThatThrownBy(() -> options("--count=0")).hasMessageContaining("--count");
    assertThatThrownBy(() -> options("--conflictFraction=1"))
        .hasMessageContaining("--conflictFraction");
    assertThatThrownBy(() -> options("--start=yesterday")).hasMessageContaining("--start");
    assertThatThrownBy(() -> options("--to=s3")).hasMessageContaining("--to");
    assertThatThrownBy(() -> options("--to=kafka")).hasMessageContaining("--bootstrapServers");
    assertThatThrownBy(() -> options("--to=kafka", "--bootstrapServers=h:1"))
        .hasMessageContaining("--topic");
  }
}
