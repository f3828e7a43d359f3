package io.onceflow.it.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.local.LocalIcebergWarehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.iceberg.IcebergCatalogConfig;
import org.apache.beam.sdk.io.iceberg.IcebergIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A table in the local warehouse written by Beam's IcebergIO and read back twice: by Iceberg's own
 * generic reader (files on disk, not Beam) and by IcebergIO.
 */
public class IcebergWarehouseIT {

  private static final Schema SCHEMA =
      Schema.builder().addStringField("txn_id").addDecimalField("amount").build();

  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline writer = TestPipeline.create();
  @Rule public final transient TestPipeline reader = TestPipeline.create();

  @Test
  public void writtenRowsAreReadBack() throws IOException {
    LocalIcebergWarehouse warehouse = LocalIcebergWarehouse.at(tmp.newFolder("warehouse").toPath());
    IcebergCatalogConfig catalog =
        IcebergCatalogConfig.builder()
            .setCatalogName(LocalIcebergWarehouse.CATALOG_NAME)
            .setCatalogProperties(warehouse.catalogProperties())
            .build();
    TableIdentifier id = TableIdentifier.of(Namespace.of("onceflow"), "payments");
    List<Row> rows =
        List.of(
            Row.withSchema(SCHEMA).addValues("t1", new BigDecimal("0.10")).build(),
            Row.withSchema(SCHEMA).addValues("t2", new BigDecimal("0.20")).build());

    // Money is decimal(18,2); IcebergIO 2.67 would map Beam's unbounded DECIMAL to string, so the
    // table is created with its real schema first and IcebergIO appends to it.
    warehouse
        .catalog()
        .createTable(
            id,
            new org.apache.iceberg.Schema(
                Types.NestedField.required(1, "txn_id", Types.StringType.get()),
                Types.NestedField.required(2, "amount", Types.DecimalType.of(18, 2))));

    writer
        .apply("Rows", Create.of(rows).withRowSchema(SCHEMA))
        .apply("WriteIceberg", IcebergIO.writeRows(catalog).to(id));
    writer.run().waitUntilFinish();

    Table table = warehouse.catalog().loadTable(id);
    assertThat(table.schema().findType("amount")).isEqualTo(Types.DecimalType.of(18, 2));
    assertThat(
            Files.isDirectory(
                warehouse.directory().resolve("onceflow").resolve("payments").resolve("data")))
        .isTrue();
    List<String> seen = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record r : records) {
        seen.add((String) r.getField("txn_id"));
        total = total.add((BigDecimal) r.getField("amount"));
      }
    }
    assertThat(seen).containsExactlyInAnyOrder("t1", "t2");
    assertThat(total).isEqualByComparingTo("0.30");

    PCollection<Row> readBack = reader.apply("ReadIceberg", IcebergIO.readRows(catalog).from(id));
    PAssert.that(readBack).containsInAnyOrder(rows);
    reader.run().waitUntilFinish();
  }
}
