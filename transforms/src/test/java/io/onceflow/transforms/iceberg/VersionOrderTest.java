package io.onceflow.transforms.iceberg;

import static io.onceflow.transforms.iceberg.UpsertCommitterTest.H10;
import static io.onceflow.transforms.iceberg.UpsertCommitterTest.H11;
import static io.onceflow.transforms.iceberg.UpsertCommitterTest.TOTALS;
import static io.onceflow.transforms.iceberg.UpsertCommitterTest.pane;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Newer" between rows of the totals table's schema, and the seal. */
class VersionOrderTest {

  @TempDir Path warehouse;

  @Test
  void aFinalPaneBeatsMoreTransactionsWhichBeatAHigherPaneIndex() {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    VersionOrder order = new VersionOrder(TOTALS);
    Record finalPane = t.record(pane(H10, "c1", "1.00", 1, 0, true));
    Record moreTxns = t.record(pane(H10, "c1", "9.00", 9, 0, false));
    Record laterPane = t.record(pane(H10, "c1", "1.00", 1, 7, false));
    Record first = t.record(pane(H10, "c1", "1.00", 1, 0, false));

    assertThat(order.compare(finalPane, moreTxns)).isPositive();
    assertThat(order.compare(moreTxns, finalPane)).isNegative();
    assertThat(order.compare(moreTxns, laterPane)).isPositive();
    assertThat(order.compare(laterPane, first)).isPositive();
    // Not a version column: the total does not count.
    assertThat(order.compare(first, t.record(pane(H10, "c1", "5.00", 1, 0, false)))).isZero();
  }

  @Test
  void aNullVersionIsOlderThanAnyValue() {
    Schema versioned =
        Schema.builder()
            .addStringField("id")
            .addNullableField("version", Schema.FieldType.INT64)
            .build();
    UpsertTable spec = UpsertTable.named("onceflow", "versioned", "id").versionedBy("version");
    LocalUpsertTable t = new LocalUpsertTable(warehouse, spec, versioned);
    Record unversioned = t.record(Row.withSchema(versioned).addValues("a", null).build());
    Record zero = t.record(Row.withSchema(versioned).addValues("a", 0L).build());

    VersionOrder order = new VersionOrder(spec);
    assertThat(order.compare(unversioned, zero)).isNegative();
    assertThat(order.compare(zero, unversioned)).isPositive();
    assertThat(order.compare(unversioned, unversioned.copy())).isZero();
  }

  @Test
  void onlyATrueSealColumnOfASealedTableSeals() {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    Record finalPane = t.record(pane(H10, "c1", "1.00", 1, 0, true));
    Record speculative = t.record(pane(H10, "c1", "1.00", 1, 0, false));

    assertThat(new VersionOrder(TOTALS.sealedBy("is_final")).isSealed(finalPane)).isTrue();
    assertThat(new VersionOrder(TOTALS.sealedBy("is_final")).isSealed(speculative)).isFalse();
    assertThat(new VersionOrder(TOTALS).isSealed(finalPane)).isFalse();
  }

  @Test
  void theNewestOfEachKeyWinsWhateverTheOrderAndKeysKeepTheirFirstSeenOrder() {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    List<Record> batch =
        t.records(
            pane(H11, "c2", "1.00", 1, 0, false),
            pane(H10, "c1", "3.00", 3, 2, false),
            pane(H11, "c2", "2.00", 2, 1, false),
            pane(H10, "c1", "1.00", 1, 0, false));

    Map<List<Object>, Record> newest = new VersionOrder(TOTALS).newestPerKey(batch);

    assertThat(newest.keySet())
        .containsExactly(
            List.of(Instant.parse("2026-11-24T11:00:00Z"), "c2"),
            List.of(Instant.parse("2026-11-24T10:00:00Z"), "c1"));
    assertThat(newest.values()).containsExactly(batch.get(2), batch.get(1));
  }

  @Test
  void ofRowsWithEqualVersionsTheFirstStays() {
    Schema letters = Schema.builder().addStringField("source").addStringField("raw").build();
    UpsertTable spec = UpsertTable.named("onceflow", "dead_letters", "source");
    LocalUpsertTable t = new LocalUpsertTable(warehouse, spec, letters);
    List<Record> batch =
        t.records(
            Row.withSchema(letters).addValues("topic/0/7", "first").build(),
            Row.withSchema(letters).addValues("topic/0/7", "again").build());

    assertThat(new VersionOrder(spec).compare(batch.get(1), batch.get(0))).isZero();
    assertThat(new VersionOrder(spec).newestPerKey(batch).values()).containsExactly(batch.get(0));
  }
}
