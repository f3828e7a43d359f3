package io.onceflow.it.support;

import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Watches an Iceberg table that a pipeline running elsewhere (a child JVM, a cluster) writes, until
 * its rows satisfy a condition ({@link Await}).
 */
public final class TableWatch {

  private TableWatch() {}

  /**
   * Until {@code table}'s rows satisfy {@code condition}; {@code stopped} answers, between looks,
   * why the pipeline is no longer running, or empty while it runs.
   */
  public static void await(
      IcebergCatalogConfig catalog,
      String namespace,
      String table,
      String what,
      Predicate<List<Record>> condition,
      Duration timeout,
      Supplier<Optional<String>> stopped)
      throws InterruptedException {
    Await.until(
        table + " had " + what,
        () -> rows(catalog, namespace, table),
        condition,
        rows -> rows.size() + " rows",
        timeout,
        stopped);
  }

  /** The table's rows, or null if it does not exist yet. */
  public static List<Record> rows(IcebergCatalogConfig catalog, String namespace, String table) {
    Table t;
    try {
      t = catalog.build().loadTable(TableIdentifier.of(namespace, table));
    } catch (NoSuchTableException notYet) {
      return null;
    }
    List<Record> rows = new ArrayList<>();
    TableRows.forEach(t, rows::add);
    return rows;
  }
}
