package io.onceflow.transforms.iceberg;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;

/**
 * Column values of Iceberg {@link Record}s in one canonical Java shape, so that a row built from a
 * Beam row and the same row read back from the table give equal keys, equal versions and equal
 * commit ids: the generic reader hands back other shapes (a {@code Utf8} for a String, an
 * OffsetDateTime in UTC for one with an offset, a decimal at the column's scale).
 */
final class RowValues {

  private RowValues() {}

  /** The normalized values of {@code columns}, in order: a key or a version of {@code r}. */
  static List<Object> values(Record r, List<String> columns) {
    List<Object> values = new ArrayList<>(columns.size());
    for (String c : columns) {
      values.add(normalize(r.getField(c)));
    }
    return values;
  }

  /** Equal values compare equal whatever their Java shape (String vs Utf8, offsets, scales). */
  static Object normalize(Object v) {
    if (v instanceof CharSequence s) {
      return s.toString();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros();
    }
    return v;
  }

  /**
   * A normalized value as an Iceberg expression literal: expressions take a timestamp as
   * microseconds since the epoch, not as an Instant.
   */
  static Object literal(Object normalized) {
    if (normalized instanceof Instant i) {
      return ChronoUnit.MICROS.between(Instant.EPOCH, i);
    }
    return normalized;
  }
}
