package io.onceflow.transforms.iceberg;

import static io.onceflow.transforms.iceberg.LocalUpsertTable.ledgerRow;
import static io.onceflow.transforms.iceberg.UpsertCommitterTest.H10;
import static io.onceflow.transforms.iceberg.UpsertCommitterTest.H11;
import static io.onceflow.transforms.iceberg.UpsertCommitterTest.TOTALS;
import static io.onceflow.transforms.iceberg.UpsertCommitterTest.pane;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored rows of a batch's keys in a real table, and which incoming rows are newer. */
class VersionGuardTest {

  @TempDir Path warehouse;

  @Test
  void beforeTheFirstSnapshotNoKeyHasAStoredRowAndEveryRowIsNewer() {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    VersionGuard guard = t.guard();
    Map<List<Object>, Record> batch = newest(t, pane(H10, "c1", "1.00", 1, 0, false));

    VersionGuard.StoredRows stored = guard.read(t.table.currentSnapshot(), batch.keySet());

    assertThat(t.table.currentSnapshot()).isNull();
    List<Object> key = batch.keySet().iterator().next();
    assertThat(stored.newest(key)).isNull();
    assertThat(stored.partitions(key)).isEmpty();
    assertThat(guard.newer(batch, stored)).containsExactlyElementsOf(batch.values());
  }

  @Test
  void theStoredRowsAreThoseOfTheAskedKeysAsOfTheBaseSnapshot() {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    t.commit(
        pane(H10, "c1", "1.00", 1, 0, false),
        pane(H11, "c2", "2.00", 2, 0, false),
        pane(H11, "c1", "3.00", 3, 0, false),
        pane(H10, "c2", "4.00", 4, 0, false));
    Snapshot base = t.refreshed().currentSnapshot();
    t.commit(pane(H10, "c1", "5.00", 5, 1, false));
    VersionGuard guard = t.guard();
    List<Object> c1at10 = t.key(pane(H10, "c1", "0", 0, 0, false));
    List<Object> c2at11 = t.key(pane(H11, "c2", "0", 0, 0, false));
    List<Object> c1at11 = t.key(pane(H11, "c1", "0", 0, 0, false));
    Set<List<Object>> asked = Set.of(c1at10, c2at11);

    VersionGuard.StoredRows then = guard.read(base, asked);
    VersionGuard.StoredRows now = guard.read(t.refreshed().currentSnapshot(), asked);

    assertThat(then.newest(c1at10).getField("txn_count")).isEqualTo(1L);
    assertThat(now.newest(c1at10).getField("txn_count")).isEqualTo(5L);
    assertThat(then.newest(c2at11).getField("txn_count")).isEqualTo(2L);
    // In the key filter's superset (c1 and c2, 10:00 and 11:00) but not asked for.
    assertThat(then.newest(c1at11)).isNull();
    assertThat(then.partitions(c1at10))
        .containsExactly(t.partitions().of(t.record(pane(H10, "c1", "0", 0, 0, false))));
  }

  @Test
  void theKeyFilterLetsThroughEveryRowOfTheKeysAndNoRowOfAnotherValue() throws IOException {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    t.commit(
        pane(H10, "c1", "1.00", 1, 0, false),
        pane(H11, "c2", "2.00", 2, 0, false),
        pane(H10, "c2", "3.00", 3, 0, false),
        pane(H11, "c3", "4.00", 4, 0, false));
    Set<List<Object>> keys =
        Set.of(t.key(pane(H10, "c1", "0", 0, 0, false)), t.key(pane(H11, "c2", "0", 0, 0, false)));

    List<String> matched = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(t.refreshed()).where(t.guard().keyFilter(keys)).build()) {
      for (Record r : rows) {
        matched.add(
            r.getField("customer_id")
                + "@"
                + ((OffsetDateTime) r.getField("window_start")).getHour());
      }
    }

    assertThat(matched).containsExactlyInAnyOrder("c1@10", "c2@11", "c2@10");
  }

  @Test
  void aKeyWithRowsInTwoPartitionsHasItsNewestRowAndBothPartitions() {
    LocalUpsertTable t = LocalUpsertTable.ledger(warehouse);
    Record v1 = t.record(ledgerRow("t1", "2026-11-23T23:59:00Z", "2026-11-24T00:00:00Z", "1.00"));
    Record v2 = t.record(ledgerRow("t1", "2026-11-24T00:01:00Z", "2026-11-24T00:05:00Z", "2.00"));
    VersionGuard guard = t.guard();
    Set<List<Object>> keys = Set.of(RowValues.values(v1, t.spec.keyColumns));
    // Both versions stored as plain rows, as if the key had never been upserted.
    UpsertFiles.Written written =
        t.files().write(List.of(v2, v1), t.stored(List.of(v2, v1)), "setup");
    AppendFiles append = t.table.newAppend();
    written.data().forEach(append::appendFile);
    append.commit();

    VersionGuard.StoredRows stored = guard.read(t.refreshed().currentSnapshot(), keys);

    List<Object> key = keys.iterator().next();
    assertThat(stored.newest(key).getField("amount")).isEqualTo(v2.getField("amount"));
    RowPartitions partitions = t.partitions();
    assertThat(stored.partitions(key))
        .containsExactlyInAnyOrder(partitions.of(v1), partitions.of(v2));
  }

  @Test
  void aTableWrittenOnlyWhenChangedSkipsANewerRowThatSaysWhatIsStored() {
    Path changedOnly = warehouse.resolve("changed-only");
    Path always = warehouse.resolve("always");
    LocalUpsertTable skipping =
        new LocalUpsertTable(
            changedOnly, TOTALS.writtenOnlyWhenChanged("pane_index"), UpsertCommitterTest.PANES);
    LocalUpsertTable writing = new LocalUpsertTable(always, TOTALS, UpsertCommitterTest.PANES);
    Row stored = pane(H10, "c1", "2.00", 2, 1, false);
    skipping.commit(stored);
    writing.commit(stored);
    // Newer by pane index only: the same answer recomputed (after a replay with fresh state).
    Row sameValues = pane(H10, "c1", "2.00", 2, 7, false);
    // Newer by pane index, and its total differs: news.
    Row otherTotal = pane(H10, "c1", "2.50", 2, 7, false);

    assertThat(newerThanStored(skipping, sameValues)).isEmpty();
    assertThat(newerThanStored(writing, sameValues)).hasSize(1);
    assertThat(newerThanStored(skipping, otherTotal))
        .extracting(r -> r.getField("total_amount"))
        .containsExactly(new BigDecimal("2.50"));
  }

  @Test
  void aNotComparedColumnTheRowsLackIsAnError() {
    assertThatThrownBy(
            () ->
                new LocalUpsertTable(
                    warehouse,
                    TOTALS.writtenOnlyWhenChanged("updated_at"),
                    UpsertCommitterTest.PANES))
        .hasMessageContaining("not-compared column 'updated_at'");
  }

  private static List<Record> newerThanStored(LocalUpsertTable t, Row row) {
    Map<List<Object>, Record> batch = newest(t, row);
    return t.guard().newer(batch, t.guard().read(t.refreshed().currentSnapshot(), batch.keySet()));
  }

  @Test
  void onlyRowsStrictlyNewerThanAnUnsealedStoredRowOrOfANewKeyAreWritten() {
    UpsertTable sealed = TOTALS.sealedBy("is_final");
    LocalUpsertTable t = new LocalUpsertTable(warehouse, sealed, UpsertCommitterTest.PANES);
    t.commit(pane(H10, "c1", "2.00", 2, 1, false), pane(H10, "c2", "2.00", 2, 1, true));
    VersionGuard guard = t.guard();
    Map<List<Object>, Record> batch =
        newest(
            t,
            pane(H10, "c1", "2.00", 2, 1, false), // as new as stored
            pane(H10, "c2", "9.00", 9, 9, true), // newer, but the stored row is sealed
            pane(H10, "c3", "1.00", 1, 0, false)); // a new key
    Map<List<Object>, Record> newerBatch =
        newest(t, pane(H10, "c1", "3.00", 3, 0, false), pane(H11, "c1", "1.00", 1, 0, false));
    Map<List<Object>, Record> olderBatch = newest(t, pane(H10, "c1", "1.00", 1, 5, false));
    Snapshot base = t.refreshed().currentSnapshot();

    assertThat(guard.newer(batch, guard.read(base, batch.keySet())))
        .extracting(r -> r.getField("customer_id"))
        .containsExactly("c3");
    assertThat(guard.newer(newerBatch, guard.read(base, newerBatch.keySet())))
        .containsExactlyElementsOf(newerBatch.values());
    assertThat(guard.newer(olderBatch, guard.read(base, olderBatch.keySet()))).isEmpty();
  }

  private static Map<List<Object>, Record> newest(
      LocalUpsertTable t, org.apache.beam.sdk.values.Row... rows) {
    return t.order().newestPerKey(t.records(rows));
  }
}
