package io.onceflow.transforms.iceberg;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a batch of rows to an {@link UpsertTable} so that each key ends with exactly one row, its
 * newest version. Merge-on-read: a commit is one {@link RowDelta} that adds the new rows and, for
 * each key already stored, an equality delete on the key columns in the stored row's partition.
 * Chosen over copy-on-write because the cost of a commit grows with the batch, not with the
 * partitions it touches; readers (Iceberg's generic reader, Spark, Flink, Trino) apply the deletes,
 * and periodic compaction ({@code rewrite_data_files}) folds them away.
 *
 * <p>Idempotence, in three layers: (1) the batch's {@linkplain CommitIds commit id} in the table's
 * history means it is already committed; (2) the {@linkplain VersionGuard version guard} writes a
 * row only if strictly newer than the stored row for its key, read from the snapshot the commit is
 * validated against; (3) optimistic concurrency, here: the delta is validated against data and
 * deletes committed for the same keys since that snapshot; on a conflict the whole attempt
 * (history, guard, files) is redone after a backoff, and after the last attempt the commit fails
 * loudly. Never a lost or doubled row.
 */
final class UpsertCommitter {

  /** The snapshot summary key of a commit's id. */
  static final String COMMIT_ID = CommitIds.COMMIT_ID;

  private static final Logger LOG = LoggerFactory.getLogger(UpsertCommitter.class);

  private final Table table;
  private final UpsertTable spec;
  private final int maxAttempts;
  private final long initialBackoffMillis;
  private final VersionOrder order;
  private final VersionGuard guard;
  private final UpsertFiles files;
  private final Runnable beforeCommit;

  UpsertCommitter(Table table, UpsertTable spec, int maxAttempts, long initialBackoffMillis) {
    this(table, spec, maxAttempts, initialBackoffMillis, () -> {});
  }

  /** {@code beforeCommit} runs between reading the stored rows and committing: tests race there. */
  UpsertCommitter(
      Table table,
      UpsertTable spec,
      int maxAttempts,
      long initialBackoffMillis,
      Runnable beforeCommit) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("commit attempts must be at least 1, was " + maxAttempts);
    }
    this.table = table;
    this.spec = spec;
    this.maxAttempts = maxAttempts;
    this.initialBackoffMillis = initialBackoffMillis;
    this.order = new VersionOrder(spec);
    RowPartitions partitions = new RowPartitions(table);
    this.guard = new VersionGuard(table, spec, order, partitions);
    this.files = new UpsertFiles(table, spec, partitions);
    this.beforeCommit = beforeCommit;
  }

  Schema schema() {
    return table.schema();
  }

  CommitOutcome commit(Collection<Record> batch) {
    Map<List<Object>, Record> newest = order.newestPerKey(batch);
    String id = CommitIds.of(spec.identifier(), table.schema(), newest.values());
    RuntimeException lastConflict = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      table.refresh();
      if (CommitIds.isInHistory(table, id)) {
        return new CommitOutcome(
            spec.identifier().toString(),
            id,
            CommitOutcome.Kind.ALREADY_COMMITTED,
            0,
            batch.size(),
            attempt);
      }
      Snapshot base = table.currentSnapshot();
      VersionGuard.StoredRows stored = guard.read(base, newest.keySet());
      List<Record> newer = guard.newer(newest, stored);
      long ignored = batch.size() - newer.size();
      if (newer.isEmpty()) {
        return new CommitOutcome(
            spec.identifier().toString(),
            id,
            CommitOutcome.Kind.NOTHING_NEWER,
            0,
            ignored,
            attempt);
      }
      UpsertFiles.Written written = files.write(newer, stored, id);
      beforeCommit.run();
      try {
        RowDelta delta = table.newRowDelta();
        if (base != null) {
          delta.validateFromSnapshot(base.snapshotId());
        }
        delta
            .conflictDetectionFilter(guard.keyFilter(newest.keySet()))
            .validateNoConflictingDataFiles()
            .validateNoConflictingDeleteFiles();
        written.addTo(delta);
        delta.set(COMMIT_ID, id);
        delta.commit();
        return new CommitOutcome(
            spec.identifier().toString(),
            id,
            CommitOutcome.Kind.COMMITTED,
            newer.size(),
            ignored,
            attempt);
      } catch (ValidationException | CommitFailedException e) {
        written.delete(table);
        lastConflict = e;
      } catch (CommitStateUnknownException e) {
        // It may have landed: the next attempt finds its id in the history, or retries it.
        lastConflict = e;
      }
      LOG.info(
          "Commit {} to {} conflicted (attempt {} of {}): {}",
          id,
          spec.identifier(),
          attempt,
          maxAttempts,
          lastConflict.getMessage());
      backoff(attempt);
    }
    throw new IllegalStateException(
        "Could not commit "
            + newest.size()
            + " rows (commit "
            + id
            + ") to "
            + spec.identifier()
            + " after "
            + maxAttempts
            + " attempts; the last conflict was: "
            + lastConflict.getMessage(),
        lastConflict);
  }

  /**
   * Exponential (capped at 1024 times the initial backoff) with up to as much again at random, so
   * that writers that conflicted with each other do not retry in step.
   */
  private void backoff(int attempt) {
    if (attempt == maxAttempts) {
      return;
    }
    long millis = initialBackoffMillis << Math.min(attempt - 1, 10);
    try {
      Thread.sleep(millis + (long) (Math.random() * millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while retrying a commit to " + spec.identifier(), e);
    }
  }
}
