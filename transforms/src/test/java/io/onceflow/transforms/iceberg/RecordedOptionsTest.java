package io.onceflow.transforms.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceflow.transforms.IncompatibleTableException;
import java.nio.file.Path;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UpsertTable#recordsOption}: the options a table's rows were made with are in its
 * properties from its creation, and a run with another value is refused before it writes.
 */
class RecordedOptionsTest {

  @TempDir Path warehouse;

  private Table createOrValidate(UpsertTable spec) {
    return UpsertTables.createOrValidate(
        IcebergCatalogConfig.hadoop(warehouse).build(), spec, LocalUpsertTable.LEDGER);
  }

  @Test
  void aNewTableRecordsItsOptionsAndTheSameValuesRunAgain() {
    UpsertTable spec = LocalUpsertTable.LEDGER_TABLE.recordsOption("windowMinutes", 60);
    assertThat(createOrValidate(spec).properties())
        .containsEntry("onceflow.option.windowMinutes", "60");
    assertThat(createOrValidate(spec).properties())
        .containsEntry("onceflow.option.windowMinutes", "60");
  }

  @Test
  void anotherValueIsRefusedNamingTheOptionAndBothValues() {
    createOrValidate(
        LocalUpsertTable.LEDGER_TABLE
            .recordsOption("windowMinutes", 60)
            .recordsOption("dedupShards", 16));
    assertThatThrownBy(
            () ->
                createOrValidate(
                    LocalUpsertTable.LEDGER_TABLE
                        .recordsOption("windowMinutes", 60)
                        .recordsOption("dedupShards", 4)))
        .isInstanceOf(IncompatibleTableException.class)
        .hasMessageStartingWith(
            "--dedupShards=4: table onceflow.ledger was made with --dedupShards=16")
        .hasMessageContaining("--namespace");
  }

  @Test
  void aTableMadeBeforeOptionsWereRecordedRecordsTheRunsValues() {
    createOrValidate(LocalUpsertTable.LEDGER_TABLE);
    Table table = createOrValidate(LocalUpsertTable.LEDGER_TABLE.recordsOption("dedupShards", 8));
    table.refresh();
    assertThat(table.properties()).containsEntry("onceflow.option.dedupShards", "8");
    assertThatThrownBy(
            () -> createOrValidate(LocalUpsertTable.LEDGER_TABLE.recordsOption("dedupShards", 2)))
        .isInstanceOf(IncompatibleTableException.class);
  }
}
