package io.onceflow.transforms.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.joda.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upsert commit on real Iceberg tables in a Hadoop catalog on disk, read back with Iceberg's
 * generic reader.
 */
class UpsertCommitterTest {

  static final Schema PANES =
      Schema.builder()
          .addDateTimeField("window_start")
          .addStringField("customer_id")
          .addDecimalField("total_amount")
          .addInt64Field("txn_count")
          .addInt64Field("pane_index")
          .addBooleanField("is_final")
          .build();

  static final UpsertTable TOTALS =
      UpsertTable.named("onceflow", "totals", "window_start", "customer_id")
          .versionedBy("is_final", "txn_count", "pane_index")
          .partitionedBy("day(window_start)");

  static final Instant H10 = Instant.parse("2026-11-24T10:00:00Z");
  static final Instant H11 = Instant.parse("2026-11-24T11:00:00Z");

  @TempDir Path warehouse;
  IcebergCatalogConfig config;

  @BeforeEach
  void catalog() {
    config = IcebergCatalogConfig.hadoop(warehouse);
  }

  UpsertCommitter committer(UpsertTable spec, Schema schema) {
    Catalog catalog = config.build();
    Table table = UpsertTables.createOrValidate(catalog, spec, schema);
    return new UpsertCommitter(table, spec, 10, 10);
  }

  static Row pane(
      Instant window, String customer, String total, long count, long index, boolean isFinal) {
    return Row.withSchema(PANES)
        .addValues(
            new org.joda.time.DateTime(window),
            customer,
            new BigDecimal(total),
            count,
            index,
            isFinal)
        .build();
  }

  static List<Record> records(UpsertCommitter c, Row... rows) {
    List<Record> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(BeamToIceberg.record(c.schema(), r));
    }
    return out;
  }

  /** customer@hour -> "total count index final", and fails on a key that has two rows. */
  Map<String, String> tableRows(UpsertTable spec) throws IOException {
    Table table = config.build().loadTable(spec.identifier());
    Map<String, String> rows = new HashMap<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      for (Record r : read) {
        String key =
            r.getField("customer_id")
                + "@"
                + ((OffsetDateTime) r.getField("window_start")).getHour();
        String value =
            r.getField("total_amount")
                + " "
                + r.getField("txn_count")
                + " "
                + r.getField("pane_index")
                + (Boolean.TRUE.equals(r.getField("is_final")) ? " final" : "");
        assertThat(rows.put(key, value)).as("second row for " + key).isNull();
      }
    }
    return rows;
  }

  long snapshots(UpsertTable spec) {
    return TableRows.snapshots(
        config, spec.identifier().namespace().toString(), spec.identifier().name());
  }

  @Test
  void sameBatchWrittenTwiceLeavesTheTableUnchanged() throws IOException {
    UpsertCommitter c = committer(TOTALS, PANES);
    List<Record> batch =
        records(c, pane(H10, "c1", "10.00", 1, 0, false), pane(H10, "c2", "0.30", 2, 0, false));

    assertThat(c.commit(batch).kind).isEqualTo(CommitOutcome.Kind.COMMITTED);
    Map<String, String> after = tableRows(TOTALS);
    CommitOutcome again = c.commit(batch);

    assertThat(again.kind).isEqualTo(CommitOutcome.Kind.ALREADY_COMMITTED);
    assertThat(tableRows(TOTALS)).isEqualTo(after).containsEntry("c2@10", "0.30 2 0");
    assertThat(snapshots(TOTALS)).isEqualTo(1);
  }

  @Test
  void commitRetriedAfterItSucceededAddsNothingEvenFromAnotherWorkerOrRegrouped()
      throws IOException {
    UpsertCommitter first = committer(TOTALS, PANES);
    Row a = pane(H10, "c1", "10.00", 1, 0, false);
    Row b = pane(H11, "c1", "5.00", 1, 0, false);
    first.commit(records(first, a, b));

    UpsertCommitter otherWorker = committer(TOTALS, PANES);
    assertThat(otherWorker.commit(records(otherWorker, a, b)).kind)
        .isEqualTo(CommitOutcome.Kind.ALREADY_COMMITTED);
    CommitOutcome regrouped = otherWorker.commit(records(otherWorker, b));
    assertThat(regrouped.kind).isEqualTo(CommitOutcome.Kind.NOTHING_NEWER);
    assertThat(regrouped.rowsIgnored).isEqualTo(1);
    assertThat(snapshots(TOTALS)).isEqualTo(1);
    assertThat(tableRows(TOTALS)).containsOnlyKeys("c1@10", "c1@11");
  }

  @Test
  void newerPaneReplacesAndStalePaneIsIgnored() throws IOException {
    UpsertCommitter c = committer(TOTALS, PANES);
    c.commit(records(c, pane(H10, "c1", "10.00", 1, 0, false)));
    c.commit(records(c, pane(H10, "c1", "30.00", 3, 2, false)));
    CommitOutcome stale = c.commit(records(c, pane(H10, "c1", "20.00", 2, 1, false)));

    assertThat(stale.kind).isEqualTo(CommitOutcome.Kind.NOTHING_NEWER);
    assertThat(tableRows(TOTALS)).containsExactlyEntriesOf(Map.of("c1@10", "30.00 3 2"));
  }

  @Test
  void aFinalRowIsSealedAgainstAReplayThatCountedMore() throws IOException {
    UpsertCommitter c = committer(TOTALS.sealedBy("is_final"), PANES);
    c.commit(records(c, pane(H10, "c1", "30.00", 3, 2, true)));

    // A replay that read a record the first run found too late in time, so counted it.
    CommitOutcome replay = c.commit(records(c, pane(H10, "c1", "45.00", 4, 1, true)));

    assertThat(replay.kind).isEqualTo(CommitOutcome.Kind.NOTHING_NEWER);
    assertThat(tableRows(TOTALS)).containsExactlyEntriesOf(Map.of("c1@10", "30.00 3 2 final"));
  }

  @Test
  void aSealColumnThatIsNotABooleanIsAStartUpError() {
    assertThatThrownBy(() -> committer(TOTALS.sealedBy("txn_count"), PANES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seal column 'txn_count'");
  }

  @Test
  void panesOfOneBatchKeepTheNewestWhateverTheirOrder() throws IOException {
    UpsertCommitter c = committer(TOTALS, PANES);
    c.commit(
        records(
            c,
            pane(H10, "c1", "30.00", 3, 2, false),
            pane(H10, "c1", "10.00", 1, 0, false),
            pane(H10, "c1", "20.00", 2, 1, false)));

    assertThat(tableRows(TOTALS)).containsExactlyEntriesOf(Map.of("c1@10", "30.00 3 2"));
  }

  @Test
  void restartedRunThatRecomputesTheWindowEndsWithTheRightRow() throws IOException {
    UpsertCommitter before = committer(TOTALS, PANES);
    before.commit(records(before, pane(H10, "c1", "40.00", 4, 3, false)));

    // The restarted job's pane indexes start again at 0 while it re-reads the window whole.
    UpsertCommitter restarted = committer(TOTALS, PANES);
    assertThat(restarted.commit(records(restarted, pane(H10, "c1", "20.00", 2, 0, false))).kind)
        .isEqualTo(CommitOutcome.Kind.NOTHING_NEWER);
    assertThat(restarted.commit(records(restarted, pane(H10, "c1", "40.00", 4, 1, false))).kind)
        .isEqualTo(CommitOutcome.Kind.NOTHING_NEWER);
    assertThat(tableRows(TOTALS)).containsExactlyEntriesOf(Map.of("c1@10", "40.00 4 3"));
    restarted.commit(records(restarted, pane(H10, "c1", "50.00", 5, 2, true)));

    assertThat(tableRows(TOTALS)).containsExactlyEntriesOf(Map.of("c1@10", "50.00 5 2 final"));
  }

  @Test
  void twoWritersRacingOnOneTableBothLandWithOneRowPerKey() throws Exception {
    committer(TOTALS, PANES);
    int rounds = 8;
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<CommitOutcome>>> writers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  UpsertCommitter c = committer(TOTALS, PANES);
                  List<CommitOutcome> outcomes = new ArrayList<>();
                  for (int round = 1; round <= rounds; round++) {
                    together.await(1, TimeUnit.MINUTES);
                    // Both write c-shared (same key, competing versions) and a key of their own.
                    long count = 2L * round + writer;
                    outcomes.add(
                        c.commit(
                            records(
                                c,
                                pane(H10, "c-shared", count + ".00", count, count, false),
                                pane(H10, "c-own-" + writer, round + ".00", round, round, false))));
                  }
                  return outcomes;
                }));
      }
      for (Future<List<CommitOutcome>> f : writers) {
        assertThat(f.get(2, TimeUnit.MINUTES))
            .allSatisfy(o -> assertThat(o.kind).isNotEqualTo(CommitOutcome.Kind.ALREADY_COMMITTED));
      }
    } finally {
      pool.shutdownNow();
    }
    long newest = 2L * rounds + 1;
    assertThat(tableRows(TOTALS))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "c-shared@10", newest + ".00 " + newest + " " + newest,
                "c-own-0@10", rounds + ".00 " + rounds + " " + rounds,
                "c-own-1@10", rounds + ".00 " + rounds + " " + rounds));
  }

  @Test
  void aKeyWhoseNewVersionMovesToAnotherPartitionStillHasOneRow() throws IOException {
    Schema ledger =
        Schema.builder()
            .addStringField("txn_id")
            .addDateTimeField("event_time")
            .addDateTimeField("processing_time")
            .addDecimalField("amount")
            .build();
    UpsertTable spec =
        UpsertTable.named("onceflow", "ledger", "txn_id")
            .versionedBy("processing_time")
            .partitionedBy("day(event_time)");
    UpsertCommitter c = committer(spec, ledger);
    Row v1 =
        Row.withSchema(ledger)
            .addValues(
                "t1",
                dt("2026-11-23T23:59:00Z"),
                dt("2026-11-24T00:00:00Z"),
                new BigDecimal("1.00"))
            .build();
    Row v2 =
        Row.withSchema(ledger)
            .addValues(
                "t1",
                dt("2026-11-24T00:01:00Z"),
                dt("2026-11-24T00:05:00Z"),
                new BigDecimal("2.00"))
            .build();
    c.commit(records(c, v1));
    c.commit(records(c, v2));

    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(config.build().loadTable(spec.identifier())).build()) {
      read.forEach(r -> rows.add(r.getField("txn_id") + " " + r.getField("amount")));
    }
    assertThat(rows).containsExactly("t1 2.00");
  }

  @Test
  void withoutVersionColumnsTheFirstRowOfAKeyStays() throws IOException {
    Schema letters = Schema.builder().addStringField("source").addStringField("raw").build();
    UpsertTable spec = UpsertTable.named("onceflow", "dead_letters", "source");
    UpsertCommitter c = committer(spec, letters);
    c.commit(records(c, Row.withSchema(letters).addValues("topic/0/7", "first").build()));
    CommitOutcome replay =
        c.commit(records(c, Row.withSchema(letters).addValues("topic/0/7", "again").build()));

    assertThat(replay.kind).isEqualTo(CommitOutcome.Kind.NOTHING_NEWER);
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(config.build().loadTable(spec.identifier())).build()) {
      read.forEach(r -> rows.add(r.getField("source") + " " + r.getField("raw")));
    }
    assertThat(rows).containsExactly("topic/0/7 first");
  }

  @Test
  void anExistingTableThatCannotTakeTheRowsIsAStartUpErrorNamingTheColumn() {
    committer(TOTALS, PANES);
    Schema changed =
        Schema.builder()
            .addDateTimeField("window_start")
            .addStringField("customer_id")
            .addStringField("total_amount")
            .addInt64Field("txn_count")
            .addInt64Field("pane_index")
            .addBooleanField("is_final")
            .build();

    assertThatThrownBy(() -> UpsertTables.createOrValidate(config.build(), TOTALS, changed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("onceflow.totals")
        .hasMessageContaining("total_amount is decimal(18, 2), rows have string");
  }

  @Test
  void moneyWithMoreThanTwoDecimalsIsRefusedNotRounded() {
    UpsertCommitter c = committer(TOTALS, PANES);
    assertThatThrownBy(() -> records(c, pane(H10, "c1", "0.001", 1, 0, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total_amount");
  }

  @Test
  void aConflictingCommitIsRetriedAndTheGuardSeesTheOtherWritersRow() throws IOException {
    UpsertCommitter other = committer(TOTALS, PANES);
    Runnable otherWriterCommitsFirst =
        once(() -> other.commit(records(other, pane(H10, "c1", "9.00", 9, 9, false))));
    UpsertCommitter c =
        new UpsertCommitter(
            UpsertTables.createOrValidate(config.build(), TOTALS, PANES),
            TOTALS,
            2,
            1,
            otherWriterCommitsFirst);

    CommitOutcome outcome =
        c.commit(
            records(c, pane(H10, "c1", "3.00", 3, 2, false), pane(H10, "c2", "1.00", 1, 0, false)));

    assertThat(outcome.attempts).isEqualTo(2);
    assertThat(outcome.rowsWritten).isEqualTo(1);
    assertThat(tableRows(TOTALS))
        .containsExactlyInAnyOrderEntriesOf(Map.of("c1@10", "9.00 9 9", "c2@10", "1.00 1 0"));
  }

  @Test
  void aCommitThatKeepsConflictingFailsLoudlyAndLeavesTheTableAsTheOtherWriterLeftIt()
      throws IOException {
    UpsertCommitter other = committer(TOTALS, PANES);
    Runnable otherWriterCommitsFirst =
        once(() -> other.commit(records(other, pane(H10, "c1", "9.00", 9, 9, false))));
    UpsertCommitter c =
        new UpsertCommitter(
            UpsertTables.createOrValidate(config.build(), TOTALS, PANES),
            TOTALS,
            1,
            1,
            otherWriterCommitsFirst);

    assertThatThrownBy(() -> c.commit(records(c, pane(H10, "c1", "3.00", 3, 2, false))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("onceflow.totals")
        .hasMessageContaining("after 1 attempts");
    assertThat(tableRows(TOTALS)).containsExactlyEntriesOf(Map.of("c1@10", "9.00 9 9"));
  }

  private static Runnable once(Runnable r) {
    boolean[] done = {false};
    return () -> {
      if (!done[0]) {
        done[0] = true;
        r.run();
      }
    };
  }

  private static org.joda.time.DateTime dt(String iso) {
    return org.joda.time.DateTime.parse(iso);
  }
}
