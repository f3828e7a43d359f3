package io.onceflow.transforms.iceberg;

import static io.onceflow.transforms.iceberg.UpsertCommitterTest.H10;
import static io.onceflow.transforms.iceberg.UpsertCommitterTest.H11;
import static io.onceflow.transforms.iceberg.UpsertCommitterTest.pane;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit ids of batches of the totals table, and finding them in its snapshot history. */
class CommitIdsTest {

  @TempDir Path warehouse;

  @Test
  void theIdDependsOnTheRowsValuesNotOnTheirOrderOrJavaShape() {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    Record a = t.record(pane(H10, "c1", "10.00", 1, 0, false));
    Record b = t.record(pane(H11, "c2", "0.30", 2, 1, false));
    Record aReshaped = a.copy();
    aReshaped.setField(
        "window_start",
        ((OffsetDateTime) a.getField("window_start")).withOffsetSameInstant(ZoneOffset.ofHours(2)));
    aReshaped.setField("total_amount", new BigDecimal("10"));

    String id = id(t, a, b);

    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(id(t, b, a)).isEqualTo(id);
    assertThat(id(t, b, aReshaped)).isEqualTo(id);
    assertThat(id(t, a, t.record(pane(H11, "c2", "0.30", 2, 2, false)))).isNotEqualTo(id);
    assertThat(id(t, a)).isNotEqualTo(id);
    assertThat(CommitIds.of(TableIdentifier.of("onceflow", "other"), schema(t), List.of(a, b)))
        .isNotEqualTo(id);
  }

  @Test
  void aCommittedBatchIsInTheHistoryUnderItsIdAndStaysThereAfterLaterCommits() {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    assertThat(CommitIds.isInHistory(t.table, "nothing-committed-yet")).isFalse();

    CommitOutcome first = t.commit(pane(H10, "c1", "10.00", 1, 0, false));
    t.commit(pane(H10, "c1", "20.00", 2, 1, false));
    Table table = t.refreshed();

    assertThat(first.commitId).isEqualTo(id(t, t.record(pane(H10, "c1", "10.00", 1, 0, false))));
    assertThat(table.snapshot(table.currentSnapshot().parentId()).summary())
        .containsEntry(CommitIds.COMMIT_ID, first.commitId);
    assertThat(UpsertCommitter.COMMIT_ID).isEqualTo(CommitIds.COMMIT_ID);
    assertThat(CommitIds.isInHistory(table, first.commitId)).isTrue();
    assertThat(CommitIds.isInHistory(table, id(t, t.record(pane(H10, "c1", "30.00", 3, 2, false)))))
        .isFalse();
  }

  @Test
  void theHistoryIsTheTablesAsLastLoaded() {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    Table loadedBefore = t.config.build().loadTable(t.spec.identifier());

    CommitOutcome committed = t.commit(pane(H10, "c1", "10.00", 1, 0, false));

    assertThat(CommitIds.isInHistory(loadedBefore, committed.commitId)).isFalse();
    loadedBefore.refresh();
    assertThat(CommitIds.isInHistory(loadedBefore, committed.commitId)).isTrue();
  }

  private static String id(LocalUpsertTable t, Record... rows) {
    return CommitIds.of(t.spec.identifier(), schema(t), List.of(rows));
  }

  private static Schema schema(LocalUpsertTable t) {
    return t.table.schema();
  }
}
