package io.onceflow.transforms.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * The second layer of an upsert's idempotence, the version guard: a row is written only if strictly
 * newer than the stored row for its key, read from the snapshot the commit is validated against, so
 * a re-delivered, out-of-order or stale pane changes nothing. A sealed stored row is never
 * replaced. Reading from that snapshot, not from whatever is current, is what lets the commit's
 * validation catch a writer that stored a newer row in between.
 */
final class VersionGuard {

  private final Table table;
  private final UpsertTable spec;
  private final VersionOrder order;
  private final RowPartitions partitions;

  VersionGuard(Table table, UpsertTable spec, VersionOrder order, RowPartitions partitions) {
    this.table = table;
    this.spec = spec;
    this.order = order;
    this.partitions = partitions;
  }

  /** The stored rows of {@code keys} in {@code base}; none when the table has no snapshot yet. */
  StoredRows read(Snapshot base, Set<List<Object>> keys) {
    Map<List<Object>, Stored> stored = new HashMap<>();
    if (base == null) {
      return new StoredRows(stored);
    }
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).useSnapshot(base.snapshotId()).where(keyFilter(keys)).build()) {
      for (Record r : rows) {
        List<Object> key = RowValues.values(r, spec.keyColumns);
        if (!keys.contains(key)) {
          continue;
        }
        Stored s = stored.computeIfAbsent(key, k -> new Stored());
        if (s.newest == null || order.compare(r, s.newest) > 0) {
          s.newest = r.copy();
        }
        s.partitions.add(partitions.of(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading stored rows of " + spec.identifier(), e);
    }
    return new StoredRows(stored);
  }

  /**
   * The rows of {@code newest} (one per key) to write: those whose key has no stored row, and those
   * strictly newer than an unsealed stored row.
   */
  List<Record> newer(Map<List<Object>, Record> newest, StoredRows stored) {
    List<Record> newer = new ArrayList<>();
    for (Map.Entry<List<Object>, Record> e : newest.entrySet()) {
      Record s = stored.newest(e.getKey());
      if (s == null
          || (!order.isSealed(s)
              && order.compare(e.getValue(), s) > 0
              && !sameValues(e.getValue(), s))) {
        newer.add(e.getValue());
      }
    }
    return newer;
  }

  /** True when the table is written only when changed and the two rows say the same. */
  private boolean sameValues(Record incoming, Record stored) {
    if (spec.notCompared == null) {
      return false;
    }
    List<String> compared = new ArrayList<>();
    for (Types.NestedField f : table.schema().columns()) {
      if (!spec.notCompared.contains(f.name())) {
        compared.add(f.name());
      }
    }
    return RowValues.values(incoming, compared).equals(RowValues.values(stored, compared));
  }

  /**
   * A superset of the keys: each key column in the set of its values. Iceberg can prune files and
   * detect conflicts with it; rows of other keys that it lets through are dropped by the caller.
   */
  Expression keyFilter(Set<List<Object>> keys) {
    Expression filter = Expressions.alwaysTrue();
    for (int i = 0; i < spec.keyColumns.size(); i++) {
      Set<Object> values = new HashSet<>();
      for (List<Object> key : keys) {
        values.add(RowValues.literal(key.get(i)));
      }
      filter = Expressions.and(filter, Expressions.in(spec.keyColumns.get(i), values));
    }
    return filter;
  }

  /** The newest stored row of each key, and every partition the key has rows in. */
  private static final class Stored {
    Record newest;
    final Set<PartitionKey> partitions = new HashSet<>();
  }

  /** What {@link #read} found, by key (the key columns' normalized values). */
  static final class StoredRows {

    private final Map<List<Object>, Stored> byKey;

    private StoredRows(Map<List<Object>, Stored> byKey) {
      this.byKey = byKey;
    }

    /** The newest stored row of {@code key}, or null if it has none. */
    Record newest(List<Object> key) {
      Stored s = byKey.get(key);
      return s == null ? null : s.newest;
    }

    /** Every partition {@code key} has stored rows in: empty if it has none. */
    Set<PartitionKey> partitions(List<Object> key) {
      Stored s = byKey.get(key);
      return s == null ? Set.of() : s.partitions;
    }
  }
}
