package io.onceflow.transforms.iceberg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A table kept at one row per key: its name, its identifier (key) columns, the version columns that
 * say which of two rows for a key is newer, how it is partitioned, and its properties.
 *
 * <p>"Newer" is the lexicographic order of the version columns' values (nulls first); a row
 * replaces the stored row for its key only if it is strictly newer. Choose version columns that
 * grow with the information a row holds, not with arrival: for accumulating panes {@code (is_final,
 * txn_count, pane_index)} — a final pane beats every speculative one, a pane that has seen more
 * transactions beats one that saw fewer, and only then does the pane index (which restarts at 0
 * when a restarted job recomputes a window) break ties. With no version columns every row of a key
 * is equal and the first one stored stays (dead letters).
 *
 * <p>A table may also be {@linkplain #sealedBy sealed by} a boolean column: once the stored row of
 * a key has it true, nothing replaces that row. For window totals this is "the final pane is
 * final": a replay or a restart recomputes a closed window, but which records it finds too late
 * depends on how far the watermark had got when they were read, so its final pane may differ from
 * the one committed when the window actually closed; the first answer stands.
 */
public final class UpsertTable implements Serializable {

  private static final long serialVersionUID = 1L;

  final String namespace;
  final String name;
  final List<String> keyColumns;
  final List<String> versionColumns;
  final List<String> partitioning;
  final TreeMap<String, String> properties;
  final String sealColumn;
  final List<String> notCompared;

  private UpsertTable(
      String namespace,
      String name,
      List<String> keyColumns,
      List<String> versionColumns,
      List<String> partitioning,
      Map<String, String> properties,
      String sealColumn,
      List<String> notCompared) {
    this.namespace = namespace;
    this.name = name;
    this.keyColumns = List.copyOf(keyColumns);
    this.versionColumns = List.copyOf(versionColumns);
    this.partitioning = List.copyOf(partitioning);
    this.properties = new TreeMap<>(properties);
    this.sealColumn = sealColumn;
    this.notCompared = notCompared == null ? null : List.copyOf(notCompared);
  }

  public static UpsertTable named(String namespace, String name, String... keyColumns) {
    if (keyColumns.length == 0) {
      throw new IllegalArgumentException(
          "table " + namespace + "." + name + " needs at least one key column");
    }
    return new UpsertTable(
        namespace, name, List.of(keyColumns), List.of(), List.of(), Map.of(), null, null);
  }

  public UpsertTable versionedBy(String... columns) {
    return new UpsertTable(
        namespace,
        name,
        keyColumns,
        List.of(columns),
        partitioning,
        properties,
        sealColumn,
        notCompared);
  }

  /**
   * Partition fields such as {@code day(window_start)}, {@code bucket(16, txn_id)}, {@code
   * customer_id}.
   */
  public UpsertTable partitionedBy(String... fields) {
    return new UpsertTable(
        namespace,
        name,
        keyColumns,
        versionColumns,
        List.of(fields),
        properties,
        sealColumn,
        notCompared);
  }

  public UpsertTable withProperty(String key, String value) {
    Map<String, String> p = new TreeMap<>(properties);
    p.put(key, value);
    return new UpsertTable(
        namespace, name, keyColumns, versionColumns, partitioning, p, sealColumn, notCompared);
  }

  /** Prefix of the table properties that hold the options its rows were made with. */
  public static final String OPTION_PROPERTY_PREFIX = "onceflow.option.";

  /**
   * The rows mean what {@code --option=value} made them (a window size, a dedup sharding): the
   * value is recorded in the table's properties when the table is created, and a later run with
   * another value is refused at start-up naming the option ({@code IncompatibleTableException})
   * rather than writing rows that mean something else beside the old ones (a 30-minute window's
   * total beside the 60-minute ones, a transaction counted again by a differently sharded dedup). A
   * table created before it recorded the option records the run's value.
   */
  public UpsertTable recordsOption(String option, Object value) {
    return withProperty(OPTION_PROPERTY_PREFIX + option, String.valueOf(value));
  }

  /** The recorded options ({@link #recordsOption}) by option name. */
  public Map<String, String> recordedOptions() {
    Map<String, String> options = new TreeMap<>();
    properties.forEach(
        (k, v) -> {
          if (k.startsWith(OPTION_PROPERTY_PREFIX)) {
            options.put(k.substring(OPTION_PROPERTY_PREFIX.length()), v);
          }
        });
    return options;
  }

  /** A stored row whose boolean {@code column} is true is never replaced. */
  public UpsertTable sealedBy(String column) {
    return new UpsertTable(
        namespace, name, keyColumns, versionColumns, partitioning, properties, column, notCompared);
  }

  /**
   * A newer row whose values equal the stored row's in every column but {@code notCompared} is not
   * written: it says nothing new. For an aggregate whose version columns count its panes (a pane
   * index starts again after a restart or replay with fresh state), the recomputation of a value
   * already stored then commits nothing instead of the same values under a higher pane index.
   * {@code notCompared} names the columns that differ between equal answers, such as {@code
   * pane_index} and {@code updated_at}.
   */
  public UpsertTable writtenOnlyWhenChanged(String... notCompared) {
    return new UpsertTable(
        namespace,
        name,
        keyColumns,
        versionColumns,
        partitioning,
        properties,
        sealColumn,
        List.of(notCompared));
  }

  public TableIdentifier identifier() {
    return TableIdentifier.of(Namespace.of(namespace.split("\\.")), name);
  }

  public List<String> keyColumns() {
    return keyColumns;
  }

  public List<String> versionColumns() {
    return versionColumns;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The boolean column that seals a stored row, or null. */
  public String sealColumn() {
    return sealColumn;
  }

  List<String> keyAndVersionColumns() {
    List<String> all = new ArrayList<>(keyColumns);
    all.addAll(versionColumns);
    return all;
  }

  @Override
  public String toString() {
    return identifier()
        + " key "
        + keyColumns
        + " version "
        + versionColumns
        + (sealColumn == null ? "" : " sealed by " + sealColumn)
        + (notCompared == null ? "" : " written only when changed, not comparing " + notCompared);
  }
}
