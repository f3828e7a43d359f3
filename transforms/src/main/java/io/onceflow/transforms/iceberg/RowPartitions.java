package io.onceflow.transforms.iceberg;

import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;

/**
 * The partition of a row in its table's partition spec: where a new row is written, and where a
 * stored row's equality delete must go. Rows are wrapped to Iceberg's internal representation
 * first, because partition transforms such as {@code day(ts)} work on it (microseconds), not on the
 * generic records' OffsetDateTime.
 */
final class RowPartitions {

  private final Table table;
  private final InternalRecordWrapper internal;

  RowPartitions(Table table) {
    this.table = table;
    this.internal = new InternalRecordWrapper(table.schema().asStruct());
  }

  PartitionKey of(Record r) {
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    key.partition(internal.wrap(r));
    return key;
  }
}
