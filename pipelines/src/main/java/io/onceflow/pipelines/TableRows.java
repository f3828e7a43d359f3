package io.onceflow.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** Every row of a table's current snapshot as any reader sees it (deletes applied). */
public final class TableRows {

  private TableRows() {}

  public static void forEach(Table table, Consumer<Record> row) {
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      rows.forEach(row);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + table.name(), e);
    }
  }
}
