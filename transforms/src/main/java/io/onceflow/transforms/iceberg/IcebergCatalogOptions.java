package io.onceflow.transforms.iceberg;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Which Iceberg catalog and namespace a pipeline or command works on. */
public interface IcebergCatalogOptions extends PipelineOptions {

  @Description(
      "Iceberg catalog type: hadoop (a warehouse directory, see --warehouse), jdbc, rest, hive,"
          + " ...")
  @Default.String("hadoop")
  String getCatalogType();

  void setCatalogType(String value);

  @Description("Iceberg warehouse location (a directory or URI).")
  @Default.String(".onceflow/warehouse")
  String getWarehouse();

  void setWarehouse(String value);

  @Description(
      "More Iceberg catalog properties as key=value,key=value (e.g."
          + " uri=jdbc:postgresql://...,jdbc.user=...).")
  @Default.String("")
  String getCatalogProperties();

  void setCatalogProperties(String value);

  @Description("Iceberg namespace of the tables.")
  @Default.String("onceflow")
  String getNamespace();

  void setNamespace(String value);

  /** The catalog these options name; fails naming the option when one is malformed. */
  static IcebergCatalogConfig catalog(IcebergCatalogOptions o) {
    if (o.getCatalogType() == null || o.getCatalogType().isBlank()) {
      throw new IllegalArgumentException(
          "--catalogType must not be empty (hadoop, jdbc, rest, ...)");
    }
    if (o.getNamespace() == null || o.getNamespace().isBlank()) {
      throw new IllegalArgumentException("--namespace must not be empty");
    }
    Map<String, String> properties = new HashMap<>();
    properties.put("type", o.getCatalogType());
    String warehouse = o.getWarehouse();
    if (warehouse != null && !warehouse.isBlank()) {
      properties.put(
          "warehouse",
          warehouse.contains("://") || warehouse.startsWith("file:")
              ? warehouse
              : Paths.get(warehouse).toAbsolutePath().toUri().toString());
    }
    for (String pair : o.getCatalogProperties().split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--catalogProperties must be key=value,key=value; '" + pair + "' is not");
      }
      properties.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return IcebergCatalogConfig.of("onceflow", properties);
  }
}
