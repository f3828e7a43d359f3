package io.onceflow.it.support;

import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.TableRows;
import java.time.Duration;
import java.time.Instant;
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
 * Watches a table that a pipeline running elsewhere (a child JVM, a cluster) writes, until its rows
 * satisfy a condition. Between looks it asks whether the pipeline has stopped, so a dead pipeline
 * ends the wait at once with its own account of why.
 */
public final class TableWatch {

  private static final long LOOK_EVERY_MILLIS = 500;

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
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      List<Record> rows = rows(catalog, namespace, table);
      if (rows != null && condition.test(rows)) {
        return;
      }
      Optional<String> why = stopped.get();
      if (why.isPresent()) {
        throw new IllegalStateException(
            "the pipeline stopped before " + table + " had " + what + ": " + why.get());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "timed out after " + timeout + " waiting for " + table + " to have " + what);
      }
      Thread.sleep(LOOK_EVERY_MILLIS);
    }
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
