package io.onceflow.transforms.iceberg;

import static io.onceflow.transforms.iceberg.UpsertCommitterTest.H10;
import static io.onceflow.transforms.iceberg.UpsertCommitterTest.pane;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written and the same rows read back from a real table give the same values. */
class RowValuesTest {

  static final List<String> ALL =
      List.of("window_start", "customer_id", "total_amount", "txn_count", "pane_index", "is_final");

  @TempDir Path warehouse;

  @Test
  void aRowReadBackFromTheTableHasTheValuesOfTheRowWrittenInAnotherShape() throws IOException {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    Record written = t.record(pane(H10, "c1", "10.50", 1, 0, false));
    // The same values as a caller may hold them: another offset, another scale, a CharSequence.
    Record reshaped = written.copy();
    reshaped.setField(
        "window_start",
        ((OffsetDateTime) written.getField("window_start"))
            .withOffsetSameInstant(ZoneOffset.ofHours(1)));
    reshaped.setField("total_amount", new BigDecimal("10.5"));
    reshaped.setField("customer_id", new StringBuilder("c1"));
    t.committer.commit(List.of(written));

    Record read = only(t, null);

    assertThat(reshaped.getField("window_start")).isNotEqualTo(read.getField("window_start"));
    assertThat(reshaped.getField("total_amount")).isNotEqualTo(read.getField("total_amount"));
    assertThat(RowValues.values(read, ALL))
        .isEqualTo(RowValues.values(written, ALL))
        .isEqualTo(RowValues.values(reshaped, ALL))
        .containsExactly(
            Instant.parse("2026-11-24T10:00:00Z"), "c1", new BigDecimal("10.5"), 1L, 0L, false);
  }

  @Test
  void valuesAreInTheOrderOfTheColumnsAsked() {
    Record r = LocalUpsertTable.totals(warehouse).record(pane(H10, "c1", "10.00", 3, 2, true));

    assertThat(RowValues.values(r, List.of("pane_index", "customer_id", "txn_count")))
        .containsExactly(2L, "c1", 3L);
  }

  @Test
  void nullAndValuesOfOtherTypesStayAsTheyAre() {
    assertThat(RowValues.normalize(null)).isNull();
    assertThat(RowValues.normalize(7L)).isEqualTo(7L);
    assertThat(RowValues.normalize(true)).isEqualTo(true);
  }

  @Test
  void aNormalizedTimestampAsALiteralSelectsItsRowInAFilter() throws IOException {
    LocalUpsertTable t = LocalUpsertTable.totals(warehouse);
    t.commit(
        pane(H10, "c1", "1.00", 1, 0, false),
        pane(UpsertCommitterTest.H11, "c1", "2.00", 1, 0, false));
    Object h10 =
        RowValues.normalize(
            t.record(pane(H10, "c1", "1.00", 1, 0, false)).getField("window_start"));

    assertThat(RowValues.literal(h10))
        .isEqualTo(Instant.parse("2026-11-24T10:00:00Z").toEpochMilli() * 1000);
    assertThat(RowValues.literal("c1")).isEqualTo("c1");
    assertThat(only(t, RowValues.literal(h10)).getField("total_amount"))
        .isEqualTo(new BigDecimal("1.00"));
  }

  /** The one row of the table, of window {@code windowStart} if not null. */
  private static Record only(LocalUpsertTable t, Object windowStart) throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(t.refreshed())
            .where(
                windowStart == null
                    ? Expressions.alwaysTrue()
                    : Expressions.equal("window_start", windowStart))
            .build()) {
      read.forEach(r -> rows.add(r.copy()));
    }
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }
}
