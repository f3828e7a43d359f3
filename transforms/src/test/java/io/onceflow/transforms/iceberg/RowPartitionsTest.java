package io.onceflow.transforms.iceberg;

import static io.onceflow.transforms.iceberg.LocalUpsertTable.ledgerRow;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partition of a row, against the partitions Iceberg itself gave the committed files. */
class RowPartitionsTest {

  @TempDir Path warehouse;

  @Test
  void aRowIsInTheDayOfItsEventTimeLikeItsCommittedFile() throws IOException {
    LocalUpsertTable t = LocalUpsertTable.ledger(warehouse);
    Row lateEvening = ledgerRow("t1", "2026-11-23T23:59:00Z", "2026-11-24T00:00:00Z", "1.00");
    Row nextMorning = ledgerRow("t2", "2026-11-24T00:01:00Z", "2026-11-24T00:05:00Z", "2.00");
    RowPartitions partitions = new RowPartitions(t.table);

    PartitionKey evening = partitions.of(t.record(lateEvening));
    PartitionKey morning = partitions.of(t.record(nextMorning));

    assertThat(evening.size()).isEqualTo(1);
    assertThat(evening.get(0, Integer.class))
        .isEqualTo((int) LocalDate.parse("2026-11-23").toEpochDay());
    assertThat(morning).isNotEqualTo(evening);
    assertThat(
            partitions.of(
                t.record(ledgerRow("t3", "2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z", "3.00"))))
        .isEqualTo(evening);
    t.commit(lateEvening);
    assertThat(committedPartitions(t)).containsExactly(evening.get(0, Integer.class));
  }

  @Test
  void everyRowOfAnUnpartitionedTableIsInTheOneEmptyPartition() {
    Schema letters = Schema.builder().addStringField("source").addStringField("raw").build();
    LocalUpsertTable t =
        new LocalUpsertTable(
            warehouse, UpsertTable.named("onceflow", "dead_letters", "source"), letters);
    RowPartitions partitions = new RowPartitions(t.table);

    PartitionKey a = partitions.of(t.record(Row.withSchema(letters).addValues("a", "x").build()));
    PartitionKey b = partitions.of(t.record(Row.withSchema(letters).addValues("b", "y").build()));

    assertThat(a.size()).isZero();
    assertThat(a).isEqualTo(b);
  }

  private static List<Integer> committedPartitions(LocalUpsertTable t) throws IOException {
    List<Integer> days = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = t.refreshed().newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        StructLike p = task.file().partition();
        days.add(p.get(0, Integer.class));
      }
    }
    return days;
  }
}
