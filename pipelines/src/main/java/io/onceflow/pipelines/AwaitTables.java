package io.onceflow.pipelines;

import io.onceflow.transforms.iceberg.TableRows;
import io.onceflow.transforms.metrics.MetricNames;
import io.onceflow.transforms.metrics.MetricTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.apache.beam.sdk.PipelineResult;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Waits, while a streaming pipeline runs, until its tables hold what is expected: the way to know
 * that a stream has been consumed and its panes committed. Between looks it waits on the pipeline
 * itself, so a failed pipeline ends the wait at once with its error.
 */
public final class AwaitTables {

  private static final org.joda.time.Duration LOOK_EVERY =
      org.joda.time.Duration.standardSeconds(1);

  private final PipelineResult pipeline;
  private final Catalog catalog;
  private final String namespace;
  private final Duration timeout;

  public AwaitTables(PipelineResult pipeline, Catalog catalog, String namespace, Duration timeout) {
    this.pipeline = pipeline;
    this.catalog = catalog;
    this.namespace = namespace;
    this.timeout = timeout;
  }

  /** Until {@code table} has {@code expected} rows, every one final (its {@code is_final}). */
  public void finalRows(String table, long expected) {
    until(
        table,
        expected + " final rows",
        r -> Boolean.TRUE.equals(TableRows.value(r, "is_final")),
        expected,
        true);
  }

  /** Until {@code table} has {@code expected} rows. */
  public void rows(String table, long expected) {
    until(table, expected + " rows", r -> true, expected, false);
  }

  /**
   * Until the pipeline has read {@code records} records, closed {@code finalPanes} windows and
   * judged {@code tooLate} elements too late, and every row it sent to a table has been through a
   * commit (written or ignored): the way to know that a replay of input already in the tables is
   * over, when the tables themselves are not expected to change.
   */
  public void replayed(long records, long finalPanes, long tooLate) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      MetricTotals m = MetricTotals.of(pipeline);
      long read = m.recordsRead();
      long committed = m.counter(MetricNames.ROWS_WRITTEN) + m.counter(MetricNames.ROWS_IGNORED);
      long received = m.counter(MetricNames.ROWS_RECEIVED);
      long closed = m.counter(MetricNames.FINAL_PANES);
      long late = m.counter(MetricNames.TOO_LATE);
      if (read >= records && closed >= finalPanes && late >= tooLate && committed == received) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            String.format(
                "timed out after %s waiting for the replay: read %d of %d records, %d of %d windows"
                    + " final, %d of %d too late, %d of %d rows through a commit",
                timeout, read, records, closed, finalPanes, late, tooLate, committed, received));
      }
      waitOnPipeline("the replay was over");
    }
  }

  private void waitOnPipeline(String before) {
    PipelineResult.State state = pipeline.waitUntilFinish(LOOK_EVERY);
    if (state != null && state.isTerminal()) {
      throw new IllegalStateException("the pipeline stopped (" + state + ") before " + before);
    }
  }

  private void until(
      String table, String what, Predicate<Record> counted, long expected, boolean allRowsCounted) {
    Instant deadline = Instant.now().plus(timeout);
    long[] seen = {-1, -1};
    while (true) {
      count(table, counted, seen);
      if (seen[0] == expected && (!allRowsCounted || seen[1] == expected)) {
        return;
      }
      if (seen[0] > expected) {
        // Rows are only ever added to these tables: more than expected will not get better.
        throw new IllegalStateException(
            namespace
                + "."
                + table
                + " was to have "
                + what
                + "; it has "
                + seen[0]
                + " of "
                + seen[1]);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "timed out after "
                + timeout
                + " waiting for "
                + namespace
                + "."
                + table
                + " to have "
                + what
                + "; it has "
                + seen[0]
                + " of "
                + seen[1]);
      }
      waitOnPipeline(namespace + "." + table + " had " + what);
    }
  }

  private void count(String name, Predicate<Record> counted, long[] seen) {
    Table table;
    try {
      table = catalog.loadTable(TableIdentifier.of(namespace, name));
    } catch (NoSuchTableException notCreatedYet) {
      return;
    }
    long[] matchingAndAll = {0, 0};
    TableRows.forEach(
        table,
        r -> {
          matchingAndAll[0] += counted.test(r) ? 1 : 0;
          matchingAndAll[1]++;
        });
    seen[0] = matchingAndAll[0];
    seen[1] = matchingAndAll[1];
  }
}
