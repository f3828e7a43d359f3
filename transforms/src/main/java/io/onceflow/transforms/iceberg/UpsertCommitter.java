package io.onceflow.transforms.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
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
 * history means it is already committed; (2) the version guard: a row is written only if strictly
 * newer than the stored row for its key, read from the snapshot the commit is validated against, so
 * a re-delivered, out-of-order or stale pane changes nothing; (3) optimistic concurrency: the delta
 * is validated against data and deletes committed for the same keys since that snapshot; on a
 * conflict the whole attempt (history, guard, files) is redone after a backoff, and after the last
 * attempt the commit fails loudly. Never a lost or doubled row.
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
  private final Schema deleteSchema;
  private final GenericAppenderFactory appenders;
  private final InternalRecordWrapper partitionSource;
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
    Schema schema = table.schema();
    this.deleteSchema = schema.select(spec.keyColumns);
    int[] keyIds = spec.keyColumns.stream().mapToInt(c -> schema.findField(c).fieldId()).toArray();
    this.appenders = new GenericAppenderFactory(schema, table.spec(), keyIds, deleteSchema, null);
    this.partitionSource = new InternalRecordWrapper(schema.asStruct());
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
      Map<List<Object>, Stored> stored = readStored(base, newest.keySet());
      List<Record> newer = new ArrayList<>();
      for (Map.Entry<List<Object>, Record> e : newest.entrySet()) {
        Stored s = stored.get(e.getKey());
        if (s == null || (!order.isSealed(s.newest) && order.compare(e.getValue(), s.newest) > 0)) {
          newer.add(e.getValue());
        }
      }
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
      Files files = write(newer, stored, id);
      beforeCommit.run();
      try {
        RowDelta delta = table.newRowDelta();
        if (base != null) {
          delta.validateFromSnapshot(base.snapshotId());
        }
        delta
            .conflictDetectionFilter(keyFilter(newest.keySet()))
            .validateNoConflictingDataFiles()
            .validateNoConflictingDeleteFiles();
        files.data.forEach(delta::addRows);
        files.deletes.forEach(delta::addDeletes);
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
        files.delete(table);
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

  /** The newest stored row of each key, and every partition the key has rows in. */
  private static final class Stored {
    Record newest;
    final Set<PartitionKey> partitions = new HashSet<>();
  }

  private Map<List<Object>, Stored> readStored(Snapshot base, Set<List<Object>> keys) {
    Map<List<Object>, Stored> stored = new HashMap<>();
    if (base == null) {
      return stored;
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
        s.partitions.add(partitionOf(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading stored rows of " + spec.identifier(), e);
    }
    return stored;
  }

  /** A superset of the keys: each key column in the set of its values. */
  private Expression keyFilter(Set<List<Object>> keys) {
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

  private record Files(List<DataFile> data, List<DeleteFile> deletes) {
    void delete(Table table) {
      data.forEach(f -> table.io().deleteFile(f.path().toString()));
      deletes.forEach(f -> table.io().deleteFile(f.path().toString()));
    }
  }

  private Files write(List<Record> newer, Map<List<Object>, Stored> stored, String id) {
    OutputFileFactory outputs =
        OutputFileFactory.builderFor(table, 1, System.nanoTime())
            .format(FileFormat.PARQUET)
            .operationId(id + "-" + UUID.randomUUID())
            .build();
    Map<PartitionKey, List<Record>> rowsByPartition = new LinkedHashMap<>();
    Map<PartitionKey, List<Record>> deletesByPartition = new LinkedHashMap<>();
    for (Record r : newer) {
      rowsByPartition.computeIfAbsent(partitionOf(r), p -> new ArrayList<>()).add(r);
      Stored s = stored.get(RowValues.values(r, spec.keyColumns));
      if (s != null) {
        for (PartitionKey p : s.partitions) {
          deletesByPartition.computeIfAbsent(p, x -> new ArrayList<>()).add(keyRecord(r));
        }
      }
    }
    List<DataFile> data = new ArrayList<>();
    List<DeleteFile> deletes = new ArrayList<>();
    try {
      for (Map.Entry<PartitionKey, List<Record>> e : rowsByPartition.entrySet()) {
        DataWriter<Record> w =
            appenders.newDataWriter(
                outputFile(outputs, e.getKey()), FileFormat.PARQUET, partitionData(e.getKey()));
        try (w) {
          e.getValue().forEach(w::write);
        }
        data.add(w.toDataFile());
      }
      for (Map.Entry<PartitionKey, List<Record>> e : deletesByPartition.entrySet()) {
        EqualityDeleteWriter<Record> w =
            appenders.newEqDeleteWriter(
                outputFile(outputs, e.getKey()), FileFormat.PARQUET, partitionData(e.getKey()));
        try (w) {
          e.getValue().forEach(w::write);
        }
        deletes.add(w.toDeleteFile());
      }
    } catch (IOException e) {
      new Files(data, deletes).delete(table);
      throw new UncheckedIOException("writing files for " + spec.identifier(), e);
    }
    return new Files(data, deletes);
  }

  private EncryptedOutputFile outputFile(OutputFileFactory outputs, PartitionKey partition) {
    return table.spec().isUnpartitioned()
        ? outputs.newOutputFile()
        : outputs.newOutputFile(table.spec(), partition);
  }

  private PartitionKey partitionData(PartitionKey partition) {
    return table.spec().isUnpartitioned() ? null : partition;
  }

  private PartitionKey partitionOf(Record r) {
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    key.partition(partitionSource.wrap(r));
    return key;
  }

  private Record keyRecord(Record r) {
    GenericRecord key = GenericRecord.create(deleteSchema);
    for (String c : spec.keyColumns) {
      key.setField(c, r.getField(c));
    }
    return key;
  }
}
