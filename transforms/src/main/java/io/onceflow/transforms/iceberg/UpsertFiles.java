package io.onceflow.transforms.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * The Parquet files of one commit attempt, merge-on-read: a data file of the new rows for each
 * partition they fall in and, for each key already stored, an equality delete on the key columns in
 * every partition the key has stored rows in (a key whose new version lands in another partition
 * must lose its row in the old one). Files are named after the commit id plus a random part, so the
 * files of two attempts never collide. If writing fails, the files already written are deleted.
 */
final class UpsertFiles {

  private final Table table;
  private final UpsertTable spec;
  private final RowPartitions partitions;
  private final Schema deleteSchema;
  private final GenericAppenderFactory appenders;

  UpsertFiles(Table table, UpsertTable spec, RowPartitions partitions) {
    this.table = table;
    this.spec = spec;
    this.partitions = partitions;
    Schema schema = table.schema();
    this.deleteSchema = schema.select(spec.keyColumns);
    int[] keyIds = spec.keyColumns.stream().mapToInt(c -> schema.findField(c).fieldId()).toArray();
    this.appenders = new GenericAppenderFactory(schema, table.spec(), keyIds, deleteSchema, null);
  }

  /** Data and delete files of one attempt, not yet in the table. */
  record Written(List<DataFile> data, List<DeleteFile> deletes) {

    void addTo(RowDelta delta) {
      data.forEach(delta::addRows);
      deletes.forEach(delta::addDeletes);
    }

    /** Removes the files, for an attempt that will not commit them. */
    void delete(Table table) {
      data.forEach(f -> table.io().deleteFile(f.path().toString()));
      deletes.forEach(f -> table.io().deleteFile(f.path().toString()));
    }
  }

  /** Writes {@code newer} and the deletes of their keys' rows in {@code stored}. */
  Written write(List<Record> newer, VersionGuard.StoredRows stored, String commitId) {
    OutputFileFactory outputs =
        OutputFileFactory.builderFor(table, 1, System.nanoTime())
            .format(FileFormat.PARQUET)
            .operationId(commitId + "-" + UUID.randomUUID())
            .build();
    Map<PartitionKey, List<Record>> rowsByPartition = new LinkedHashMap<>();
    Map<PartitionKey, List<Record>> deletesByPartition = new LinkedHashMap<>();
    for (Record r : newer) {
      rowsByPartition.computeIfAbsent(partitions.of(r), p -> new ArrayList<>()).add(r);
      for (PartitionKey p : stored.partitions(RowValues.values(r, spec.keyColumns))) {
        deletesByPartition.computeIfAbsent(p, x -> new ArrayList<>()).add(keyRecord(r));
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
      new Written(data, deletes).delete(table);
      throw new UncheckedIOException("writing files for " + spec.identifier(), e);
    }
    return new Written(data, deletes);
  }

  private EncryptedOutputFile outputFile(OutputFileFactory outputs, PartitionKey partition) {
    return table.spec().isUnpartitioned()
        ? outputs.newOutputFile()
        : outputs.newOutputFile(table.spec(), partition);
  }

  /** Writers of an unpartitioned table take no partition. */
  private PartitionKey partitionData(PartitionKey partition) {
    return table.spec().isUnpartitioned() ? null : partition;
  }

  private Record keyRecord(Record r) {
    GenericRecord key = GenericRecord.create(deleteSchema);
    for (String c : spec.keyColumns) {
      key.setField(c, r.getField(c));
    }
    return key;
  }
}
