package io.onceflow.transforms.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** A table's rows read back with Iceberg's generic reader, as "v1 v2 ..." of the given columns. */
public final class TableRows {

  private TableRows() {}

  public static List<String> read(
      IcebergCatalogConfig catalog, String namespace, String table, String... columns) {
    Table t = catalog.build().loadTable(TableIdentifier.of(namespace, table));
    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(t).build()) {
      for (Record r : read) {
        List<String> values = new ArrayList<>();
        for (String c : columns) {
          values.add(String.valueOf(r.getField(c)));
        }
        rows.add(String.join(" ", values));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + namespace + "." + table, e);
    }
    return rows;
  }

  public static long snapshots(IcebergCatalogConfig catalog, String namespace, String table) {
    long n = 0;
    for (var s : catalog.build().loadTable(TableIdentifier.of(namespace, table)).snapshots()) {
      n++;
    }
    return n;
  }
}
