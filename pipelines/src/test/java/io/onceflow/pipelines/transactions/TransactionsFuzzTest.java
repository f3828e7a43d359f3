package io.onceflow.pipelines.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.parse.RejectedAtRead;
import io.onceflow.transforms.parse.StrictUtf8;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A property-based fuzzer (jqwik) over the flagship's parsers and its whole bounded pipeline:
 * realistic records, and records mutated with extreme numbers and times, long and empty fields,
 * quoting, invalid UTF-8, duplicate JSON keys and trailing text, with ids drawn from a small pool
 * so that duplicates and conflicting versions are common.
 *
 * <p>The parsers answer every record: an event or an {@link InvalidTransactionException}, never
 * another exception. The pipeline accounts for every line: each one is in exactly one of the ledger
 * (as its {@code txn_id}'s winning version), the duplicates (a losing or repeated version of a
 * {@code txn_id} in the ledger) and the dead letters (by its {@code file:line}); and the final
 * totals equal a recomputation with plain collections ({@link GroundTruth}).
 */
class TransactionsFuzzTest {

  /** Records per batch through the whole pipeline, and batches (tries): 6,000 records. */
  static final int BATCH = 2_000;

  static final int BATCHES = 3;

  // ---- the parsers ----

  @Property(tries = 10_000)
  void theParsersAnswerEveryRecordWithAnEventOrAReason(@ForAll("records") Fuzzed record) {
    String text = StrictUtf8.decode(record.bytes);
    if (RejectedAtRead.isRejected(text)) {
      assertThat(RejectedAtRead.reason(text)).startsWith("the record is not valid UTF-8");
      return;
    }
    try {
      TransactionEvent e =
          record.json ? TransactionJsonParser.parse(text) : TransactionCsvParser.parse(text);
      assertThat(e.amount.signum()).isPositive();
      assertThat(e.amount.scale()).isLessThanOrEqualTo(2);
      assertThat(e.amount.precision() - e.amount.scale()).isLessThanOrEqualTo(16);
      assertThat(e.txnId).isNotBlank();
    } catch (InvalidTransactionException rejected) {
      assertThat(rejected.getMessage()).isNotBlank();
    }
  }

  // ---- the whole bounded pipeline ----

  @Property(tries = BATCHES)
  void theBoundedPipelineAccountsForEveryLineAndItsTotalsAreRecomputed(
      @ForAll("batches") List<Fuzzed> batch, @ForAll boolean json) throws IOException {
    Path dir = Files.createTempDirectory("transactions-fuzz");
    try {
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      for (Fuzzed record : batch) {
        file.writeBytes(json ? record.jsonBytes : record.csvBytes);
        file.write('\n');
      }
      Path input = dir.resolve("fuzz.txt");
      Files.write(input, file.toByteArray());
      String[] args = {
        "--input=" + input,
        "--format=" + (json ? "JSON" : "CSV"),
        "--warehouse=" + dir.resolve("warehouse"),
        "--commitIntervalSeconds=1"
      };
      TransactionsPipeline.run(TransactionsPipeline.options(args)).waitUntilFinish();

      // The model: plain collections, line by line.
      ParseTransactions.Format format =
          json ? ParseTransactions.Format.JSON : ParseTransactions.Format.CSV;
      GroundTruth.Builder truth = new GroundTruth.Builder(format, 60);
      Set<String> deadLines = new HashSet<>();
      Map<String, TransactionEvent> winners = new HashMap<>();
      long counted = 0;
      long rejectedAtRead = 0;
      for (int i = 0; i < batch.size(); i++) {
        String line = StrictUtf8.decode(json ? batch.get(i).jsonBytes : batch.get(i).csvBytes);
        String position = "fuzz.txt:" + (i + 1);
        if (RejectedAtRead.isRejected(line)) {
          deadLines.add(position);
          rejectedAtRead++;
          continue;
        }
        if (line.isBlank() || (!json && TransactionCsvParser.isHeader(line))) {
          continue;
        }
        counted++;
        truth.record(line, e -> false);
        try {
          TransactionEvent e =
              json ? TransactionJsonParser.parse(line) : TransactionCsvParser.parse(line);
          winners.merge(e.txnId, e, (a, b) -> TransactionVersion.ORDER.compare(a, b) >= 0 ? a : b);
        } catch (InvalidTransactionException rejected) {
          deadLines.add(position);
        }
      }
      GroundTruth expected = truth.build();

      List<Record> ledger = rows(args, "transactions");
      List<Record> deadLetters = rows(args, "dead_letters");
      List<Record> totals = rows(args, "customer_hourly_totals");
      assertThat(rows(args, "late_events")).isEmpty();

      // Every dead line, by position, once; and nothing else.
      assertThat(
              deadLetters.stream()
                  .map(r -> (String) r.getField("source"))
                  .map(s -> s.substring(s.lastIndexOf('/') + 1)))
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(deadLines);
      // Every txn_id once, as its winning version.
      Map<String, String> ledgerRows = new TreeMap<>();
      for (Record r : ledger) {
        ledgerRows.put(
            (String) r.getField("txn_id"),
            ((BigDecimal) r.getField("amount")).toPlainString() + " " + r.getField("status"));
      }
      Map<String, String> winnerRows = new TreeMap<>();
      winners.forEach((id, e) -> winnerRows.put(id, e.amount.toPlainString() + " " + e.status));
      assertThat(ledger).hasSize(winners.size());
      assertThat(ledgerRows).isEqualTo(winnerRows);
      // Exactly one of ledger, duplicates, dead letters: the model's duplicates are the valid
      // lines whose txn_id's winner is another line (or an identical one).
      long duplicates = expected.records() - expected.invalid() - expected.transactions();
      assertThat(expected.transactions()).isEqualTo(ledger.size());
      assertThat(counted + rejectedAtRead)
          .isEqualTo(ledger.size() + duplicates + deadLetters.size());
      // The final totals, recomputed.
      Map<String, String> finalTotals = new TreeMap<>();
      for (Record r : totals) {
        // A window whose only counted transactions were retracted by conflicting winners (a
        // FAILED version, or one in another hour) keeps a row of 0.00 and 0: the recomputation
        // has no such window.
        if (Boolean.TRUE.equals(r.getField("is_final")) && (Long) r.getField("txn_count") > 0) {
          finalTotals.put(
              GroundTruth.key(
                  (String) r.getField("customer_id"),
                  ((OffsetDateTime) r.getField("window_start")).toInstant()),
              ((BigDecimal) r.getField("total_amount")).toPlainString()
                  + " "
                  + r.getField("txn_count"));
        }
      }
      assertThat(finalTotals).isEqualTo(expected.totals());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static List<Record> rows(String[] args, String table) throws IOException {
    Table t =
        IcebergCatalogOptions.catalog(TransactionsPipeline.options(args))
            .build()
            .loadTable(TableIdentifier.of("onceflow", table));
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(t).build()) {
      read.forEach(rows::add);
    }
    return rows;
  }

  // ---- the generators ----

  /** One record, as CSV and as JSON bytes; {@code bytes}/{@code json} pick one for the parsers. */
  static final class Fuzzed {
    final byte[] csvBytes;
    final byte[] jsonBytes;
    final byte[] bytes;
    final boolean json;

    Fuzzed(byte[] csvBytes, byte[] jsonBytes, boolean json) {
      this.csvBytes = csvBytes;
      this.jsonBytes = jsonBytes;
      this.json = json;
      this.bytes = json ? jsonBytes : csvBytes;
    }

    @Override
    public String toString() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  @Provide
  Arbitrary<Fuzzed> records() {
    return Combinators.combine(fields(), Arbitraries.of(true, false), lineMutation())
        .as((f, json, mutate) -> fuzzed(f, json, mutate));
  }

  @Provide
  Arbitrary<List<Fuzzed>> batches() {
    return records().list().ofSize(BATCH);
  }

  static final String[] STATUSES = {
    "SUCCESS", "SUCCESS", "SUCCESS", "FAILED", "PENDING", "success"
  };

  /** The six fields, each often valid, sometimes extreme. */
  static Arbitrary<String[]> fields() {
    Arbitrary<String> eventTime =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, validTimes()),
            net.jqwik.api.Tuple.of(
                1,
                Arbitraries.of(
                    "+999999999-01-01T00:00:00Z",
                    "-290000000-01-01T00:00:00Z",
                    "+294000-01-01T00:00:00Z",
                    "9999-12-31T23:59:59.999999999Z",
                    "1970-01-01T00:00:00Z",
                    "1969-12-31T23:30:00Z",
                    "2026-13-01T00:00:00Z",
                    "2026-11-24 10:00:00",
                    "2026-11-24T10:00:00+01:00",
                    "2026-11-24",
                    "",
                    "now")));
    Arbitrary<String> txnId =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, Arbitraries.integers().between(0, 700).map(i -> "t-" + i)),
            net.jqwik.api.Tuple.of(
                1,
                Arbitraries.oneOf(
                    Arbitraries.strings().withCharRange(' ', '~').ofMinLength(0).ofMaxLength(12),
                    Arbitraries.strings().ofMinLength(1).ofMaxLength(6),
                    Arbitraries.of("t-\u00e9", "t-\uD83D\uDE00", " t-1 ", "t-1,2", "t\"1"),
                    Arbitraries.just("t-" + "x".repeat(5_000)))));
    Arbitrary<String> customer =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, Arbitraries.of("alice", "bob", "carol", "d\u00e9dalus")),
            net.jqwik.api.Tuple.of(1, Arbitraries.of("", " ", "c".repeat(3_000), "a,b", "a\"b")));
    Arbitrary<String> amount =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                20,
                Arbitraries.bigDecimals()
                    .between(new BigDecimal("0.01"), new BigDecimal("100000"))
                    .ofScale(2)
                    .map(BigDecimal::toPlainString)),
            net.jqwik.api.Tuple.of(
                2,
                Arbitraries.of(
                    "1e400",
                    "1E-400",
                    "-1.00",
                    "0",
                    "0.00",
                    "0.001",
                    "12.3.4",
                    " 10.5",
                    "10.50",
                    "99999999999999999.99",
                    "100000000000000000",
                    "9".repeat(400),
                    "0." + "0".repeat(400) + "1",
                    "NaN",
                    "Infinity",
                    "0x10",
                    "+5",
                    "",
                    "1,5")));
    Arbitrary<String> status =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, Arbitraries.of(STATUSES)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of("", "DONE", "SUCCESS ", "\u0130SUCCESS")));
    return Combinators.combine(
            eventTime, Arbitraries.integers().between(0, 5), txnId, customer, amount, status)
        .as((t, lag, id, c, a, s) -> new String[] {t, processingTime(t, lag), id, c, a, s});
  }

  /** A processing time a few seconds after a valid event time (ties make conflicts interesting). */
  static String processingTime(String eventTime, int lag) {
    try {
      return java.time.Instant.parse(eventTime).plusSeconds(lag).toString();
    } catch (RuntimeException notAnInstant) {
      return "2026-11-24T00:00:00Z";
    }
  }

  static Arbitrary<String> validTimes() {
    // Two days of minutes, so that windows gather several transactions per customer.
    return Arbitraries.longs()
        .between(0, 2 * 24 * 60)
        .map(m -> java.time.Instant.parse("2026-11-24T00:00:00Z").plusSeconds(m * 60).toString());
  }

  enum Mutation {
    NONE,
    INVALID_UTF8,
    TRUNCATE,
    EXTRA_FIELD,
    JSON_DUPLICATE_KEY,
    JSON_TRAILING_TEXT,
    JSON_NUMBER_AMOUNT,
    QUOTE_EVERY_FIELD,
    JUNK
  }

  static Arbitrary<Mutation> lineMutation() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(40, Arbitraries.just(Mutation.NONE)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(Mutation.values())));
  }

  static Fuzzed fuzzed(String[] f, boolean json, Mutation mutation) {
    String csv = csv(f, mutation == Mutation.QUOTE_EVERY_FIELD);
    String js = json(f, mutation);
    switch (mutation) {
      case TRUNCATE -> {
        csv = csv.substring(0, csv.length() / 2);
        js = js.substring(0, js.length() / 2);
      }
      case EXTRA_FIELD -> csv = csv + ",extra";
      case JUNK -> {
        csv = "\u0000" + csv;
        js = "[" + js + "]";
      }
      default -> {}
    }
    byte[] csvBytes = csv.getBytes(StandardCharsets.UTF_8);
    byte[] jsonBytes = js.getBytes(StandardCharsets.UTF_8);
    if (mutation == Mutation.INVALID_UTF8) {
      csvBytes = invalidUtf8(csvBytes);
      jsonBytes = invalidUtf8(jsonBytes);
    }
    return new Fuzzed(csvBytes, jsonBytes, json);
  }

  /** Bytes 0xC3 0x28 (a lead byte not followed by a continuation byte) inside the txn_id. */
  static byte[] invalidUtf8(byte[] text) {
    String s = new String(text, StandardCharsets.UTF_8);
    int at = Math.max(0, s.indexOf("t-"));
    byte[] head = s.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] tail = s.substring(at).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head);
    out.write(0xC3);
    out.write(0x28);
    out.writeBytes(tail);
    return out.toByteArray();
  }

  static String csv(String[] f, boolean quoteEvery) {
    List<String> cells = new ArrayList<>();
    for (String v : f) {
      boolean needs = quoteEvery || v.contains(",") || v.contains("\"") || !v.equals(v.trim());
      cells.add(needs ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
    }
    return String.join(",", cells);
  }

  static String json(String[] f, Mutation mutation) {
    String[] names = {"event_time", "processing_time", "txn_id", "customer_id", "amount", "status"};
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(names[i]).append("\":");
      if (i == 4 && mutation == Mutation.JSON_NUMBER_AMOUNT) {
        out.append(f[i].isEmpty() ? "0" : f[i]);
      } else {
        out.append('"').append(escapeJson(f[i])).append('"');
      }
    }
    if (mutation == Mutation.JSON_DUPLICATE_KEY) {
      out.append(",\"txn_id\":\"t-other\"");
    }
    out.append('}');
    if (mutation == Mutation.JSON_TRAILING_TEXT) {
      out.append(" {\"txn_id\":\"t-2\"}");
    }
    return out.toString();
  }

  static String escapeJson(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
