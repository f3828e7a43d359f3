package io.onceflow.transforms.iceberg;

import io.onceflow.transforms.IncompatibleTableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A table read back as any reader sees it (Iceberg's generic reader, deletes applied), for the
 * commands and tests that check what a pipeline wrote. Columns are read by name through {@link
 * #value}, which fails on a name the table's schema lacks: Iceberg's own {@code getField} answers
 * null for it, and a check that compares nulls can never fail.
 */
public final class TableRows {

  private TableRows() {}

  /** Every row of the table's current snapshot. */
  public static void forEach(Table table, Consumer<Record> row) {
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      rows.forEach(row);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + table.name(), e);
    }
  }

  /** Whether the table's current snapshot has no row (deletes applied). */
  public static boolean isEmpty(Table table) {
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      return !rows.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + table.name(), e);
    }
  }

  /** Every row of the table as it was at {@code snapshotId} (time travel). */
  public static void forEachAt(Table table, long snapshotId, Consumer<Record> row) {
    if (table.snapshot(snapshotId) == null) {
      throw new IncompatibleTableException(
          table.name()
              + " has no snapshot "
              + snapshotId
              + " any more (expired?): the rows it held cannot be read");
    }
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
      rows.forEach(row);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + table.name() + " at snapshot " + snapshotId, e);
    }
  }

  /** The value of {@code column} in a row; fails if the row's schema has no such column. */
  public static Object value(Record row, String column) {
    if (row.struct().field(column) == null) {
      throw new IllegalArgumentException(
          "no column '"
              + column
              + "' in "
              + row.struct().fields().stream().map(f -> f.name()).toList());
    }
    return row.getField(column);
  }

  /**
   * The rows as "v1 v2 ..." of the given columns, in the reader's order; fails naming a column the
   * table does not have.
   */
  public static List<String> read(
      IcebergCatalogConfig catalog, String namespace, String table, String... columns) {
    Table t = catalog.build().loadTable(TableIdentifier.of(namespace, table));
    for (String c : columns) {
      if (t.schema().findField(c) == null) {
        throw new IllegalArgumentException(
            "no column '" + c + "' in " + namespace + "." + table + ": " + t.schema().asStruct());
      }
    }
    List<String> rows = new ArrayList<>();
    forEach(
        t,
        r -> {
          List<String> values = new ArrayList<>();
          for (String c : columns) {
            values.add(String.valueOf(value(r, c)));
          }
          rows.add(String.join(" ", values));
        });
    return rows;
  }

  /** How many snapshots the table has. */
  public static long snapshots(IcebergCatalogConfig catalog, String namespace, String table) {
    long n = 0;
    for (var s : catalog.build().loadTable(TableIdentifier.of(namespace, table)).snapshots()) {
      n++;
    }
    return n;
  }
}
