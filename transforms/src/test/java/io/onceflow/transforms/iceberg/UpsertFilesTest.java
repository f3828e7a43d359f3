package io.onceflow.transforms.iceberg;

import static io.onceflow.transforms.iceberg.LocalUpsertTable.ledgerRow;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of one attempt on the ledger table, committed by hand or thrown away. */
class UpsertFilesTest {

  @TempDir Path warehouse;

  @Test
  void newKeysGetADataFilePerPartitionAndNoDeletes() {
    LocalUpsertTable t = LocalUpsertTable.ledger(warehouse);
    List<Record> rows =
        t.records(
            ledgerRow("t1", "2026-11-23T23:59:00Z", "2026-11-24T00:00:00Z", "1.00"),
            ledgerRow("t2", "2026-11-24T00:01:00Z", "2026-11-24T00:05:00Z", "2.00"),
            ledgerRow("t3", "2026-11-24T08:00:00Z", "2026-11-24T08:00:00Z", "3.00"));

    UpsertFiles.Written written = t.files().write(rows, t.stored(rows), "c0ffee");

    RowPartitions partitions = t.partitions();
    assertThat(written.deletes()).isEmpty();
    assertThat(written.data()).extracting(ContentFile::recordCount).containsExactly(1L, 2L);
    assertThat(written.data())
        .extracting(f -> f.partition().get(0, Integer.class))
        .containsExactly(
            partitions.of(rows.get(0)).get(0, Integer.class),
            partitions.of(rows.get(1)).get(0, Integer.class));
    assertThat(written.data()).allSatisfy(f -> assertThat(f.path().toString()).contains("c0ffee"));
    commit(t, written);
    assertThat(TableRows.read(t.config, "onceflow", "ledger", "txn_id", "amount"))
        .containsExactlyInAnyOrder("t1 1.00", "t2 2.00", "t3 3.00");
  }

  @Test
  void aStoredKeyGetsAnEqualityDeleteOnItsKeyInThePartitionOfItsStoredRow() {
    LocalUpsertTable t = LocalUpsertTable.ledger(warehouse);
    t.commit(ledgerRow("t1", "2026-11-23T23:59:00Z", "2026-11-24T00:00:00Z", "1.00"));
    Record moved =
        t.record(ledgerRow("t1", "2026-11-24T00:01:00Z", "2026-11-24T00:05:00Z", "2.00"));
    Record stored =
        t.record(ledgerRow("t1", "2026-11-23T23:59:00Z", "2026-11-24T00:00:00Z", "1.00"));

    UpsertFiles.Written written =
        t.files().write(List.of(moved), t.stored(List.of(moved)), "c0ffee");

    RowPartitions partitions = t.partitions();
    assertThat(written.data())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.partition().get(0, Integer.class))
                    .isEqualTo(partitions.of(moved).get(0, Integer.class)));
    assertThat(written.deletes()).hasSize(1);
    DeleteFile delete = written.deletes().get(0);
    assertThat(delete.content()).isEqualTo(FileContent.EQUALITY_DELETES);
    assertThat(delete.equalityFieldIds())
        .containsExactly(t.table.schema().findField("txn_id").fieldId());
    assertThat(delete.partition().get(0, Integer.class))
        .isEqualTo(partitions.of(stored).get(0, Integer.class));
    commit(t, written);
    assertThat(TableRows.read(t.config, "onceflow", "ledger", "txn_id", "amount"))
        .containsExactly("t1 2.00");
  }

  @Test
  void filesOfAnAttemptThatWillNotCommitAreDeleted() {
    LocalUpsertTable t = LocalUpsertTable.ledger(warehouse);
    t.commit(ledgerRow("t1", "2026-11-23T23:59:00Z", "2026-11-24T00:00:00Z", "1.00"));
    Record newer =
        t.record(ledgerRow("t1", "2026-11-24T00:01:00Z", "2026-11-24T00:05:00Z", "2.00"));
    UpsertFiles.Written written =
        t.files().write(List.of(newer), t.stored(List.of(newer)), "c0ffee");
    List<String> paths =
        Stream.concat(written.data().stream(), written.deletes().stream())
            .map(f -> f.path().toString())
            .toList();
    assertThat(paths).hasSize(2).allSatisfy(p -> assertThat(exists(t, p)).isTrue());

    written.delete(t.table);

    assertThat(paths).allSatisfy(p -> assertThat(exists(t, p)).isFalse());
    assertThat(TableRows.read(t.config, "onceflow", "ledger", "txn_id", "amount"))
        .containsExactly("t1 1.00");
  }

  @Test
  void anUnpartitionedTableGetsFilesWithoutAPartition() {
    Schema letters = Schema.builder().addStringField("source").addStringField("raw").build();
    LocalUpsertTable t =
        new LocalUpsertTable(
            warehouse, UpsertTable.named("onceflow", "dead_letters", "source"), letters);
    List<Record> rows =
        t.records(
            Row.withSchema(letters).addValues("a", "x").build(),
            Row.withSchema(letters).addValues("b", "y").build());

    UpsertFiles.Written written = t.files().write(rows, t.stored(rows), "c0ffee");

    assertThat(written.data())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.partition().size()).isZero();
              assertThat(f.recordCount()).isEqualTo(2);
            });
    commit(t, written);
    assertThat(TableRows.read(t.config, "onceflow", "dead_letters", "source", "raw"))
        .containsExactlyInAnyOrder("a x", "b y");
  }

  private static void commit(LocalUpsertTable t, UpsertFiles.Written written) {
    RowDelta delta = t.refreshed().newRowDelta();
    written.addTo(delta);
    delta.commit();
  }

  private static boolean exists(LocalUpsertTable t, String path) {
    return t.table.io().newInputFile(path).exists();
  }
}
