package io.onceflow.transforms.iceberg;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;

/**
 * Which of two rows of one key is newer, as {@link UpsertTable} defines it: the lexicographic order
 * of the version columns' normalized values, nulls first; with no version columns all rows of a key
 * are equal. And whether a stored row is sealed, so that nothing replaces it.
 */
final class VersionOrder {

  private final UpsertTable spec;

  VersionOrder(UpsertTable spec) {
    this.spec = spec;
  }

  /**
   * The newest row of each key of {@code batch}, whatever the batch's order; of rows with equal
   * versions the first one stays. Keyed by the key columns' normalized values, in first-seen order.
   */
  Map<List<Object>, Record> newestPerKey(Collection<Record> batch) {
    Map<List<Object>, Record> newest = new LinkedHashMap<>();
    for (Record r : batch) {
      newest.merge(RowValues.values(r, spec.keyColumns), r, (a, b) -> compare(b, a) > 0 ? b : a);
    }
    return newest;
  }

  /** Negative, zero or positive as {@code a} is older than, as new as or newer than {@code b}. */
  int compare(Record a, Record b) {
    for (String c : spec.versionColumns) {
      int cmp =
          compareValues(RowValues.normalize(a.getField(c)), RowValues.normalize(b.getField(c)));
      if (cmp != 0) {
        return cmp;
      }
    }
    return 0;
  }

  /** True if the table is sealed by a column and {@code stored} has it true. */
  boolean isSealed(Record stored) {
    return spec.sealColumn != null && Boolean.TRUE.equals(stored.getField(spec.sealColumn));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return ((Comparable) a).compareTo(b);
  }
}
