package io.onceflow.pipelines.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * What the dashboard shows of one Iceberg table, read as any reader reads it (Iceberg's generic
 * reader, deletes applied): the exact row count, the first page of rows, and the commit history
 * from the snapshot summaries. A table is scanned once per snapshot: the view of a snapshot is kept
 * until the next commit, so a page refreshed every few seconds costs a metadata read, not a scan of
 * a million rows.
 */
final class IcebergTableView {

  /** The views already computed, by table name and snapshot id. */
  private final Map<String, Map<String, Object>> bySnapshot = new ConcurrentHashMap<>();

  /** The most commits the history lists (the chart covers every one). */
  static final int HISTORY_ROWS = 30;

  /** The view of {@code table}'s current snapshot, under {@code name} (namespace.table). */
  Map<String, Object> view(String name, Table table, int pageRows) {
    Snapshot current = table.currentSnapshot();
    String key = table.name() + "@" + (current == null ? "none" : current.snapshotId());
    Map<String, Object> cached = bySnapshot.get(key);
    if (cached != null) {
      return cached;
    }
    Map<String, Object> view = read(name, table, pageRows);
    bySnapshot.keySet().removeIf(k -> k.startsWith(table.name() + "@"));
    bySnapshot.put(key, view);
    return view;
  }

  private static Map<String, Object> read(String name, Table table, int pageRows) {
    List<String> columns = new ArrayList<>();
    for (Types.NestedField f : table.schema().columns()) {
      columns.add(f.name());
    }
    List<List<String>> page = new ArrayList<>();
    long count = 0;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record r : rows) {
        count++;
        if (page.size() < pageRows) {
          List<String> values = new ArrayList<>();
          for (String c : columns) {
            values.add(String.valueOf(r.getField(c)));
          }
          page.add(values);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + table.name(), e);
    }
    List<Map<String, Object>> commits = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("snapshot", String.valueOf(s.snapshotId()));
      c.put("at", Instant.ofEpochMilli(s.timestampMillis()).toString());
      c.put("epochSeconds", s.timestampMillis() / 1000.0);
      c.put("operation", String.valueOf(s.operation()));
      c.put("commitId", s.summary().getOrDefault("onceflow.commit-id", "-"));
      c.put("addedRecords", Long.parseLong(s.summary().getOrDefault("added-records", "0")));
      c.put(
          "equalityDeletes",
          Long.parseLong(s.summary().getOrDefault("added-equality-deletes", "0")));
      c.put("totalRecords", Long.parseLong(s.summary().getOrDefault("total-records", "0")));
      commits.add(c);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", name);
    view.put("rows", count);
    view.put("columns", columns);
    view.put("page", page);
    view.put("snapshots", commits.size());
    List<Map<String, Object>> newestFirst =
        new ArrayList<>(
            commits.subList(Math.max(0, commits.size() - HISTORY_ROWS), commits.size()));
    Collections.reverse(newestFirst);
    view.put("history", newestFirst);
    view.put("chart", commits);
    return view;
  }
}
