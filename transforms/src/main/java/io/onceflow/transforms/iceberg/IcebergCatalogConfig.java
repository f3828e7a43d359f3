package io.onceflow.transforms.iceberg;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * Which Iceberg catalog to talk to, as plain properties ({@code type} = hadoop, jdbc, rest, hive,
 * ..., {@code warehouse}, {@code uri}, {@code jdbc.user}, ...), so that switching catalogs is
 * configuration, not code. Serializable: each worker builds its own client.
 */
public final class IcebergCatalogConfig implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final TreeMap<String, String> properties;

  private IcebergCatalogConfig(String name, Map<String, String> properties) {
    this.name = name;
    this.properties = new TreeMap<>(properties);
  }

  /** Fails, naming the property, when neither a catalog type nor an implementation is given. */
  public static IcebergCatalogConfig of(String name, Map<String, String> properties) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Iceberg catalog name must not be empty");
    }
    if (!properties.containsKey(CatalogUtil.ICEBERG_CATALOG_TYPE)
        && !properties.containsKey(CatalogProperties.CATALOG_IMPL)) {
      throw new IllegalArgumentException(
          "Iceberg catalog '"
              + name
              + "' needs the property '"
              + CatalogUtil.ICEBERG_CATALOG_TYPE
              + "' (hadoop, jdbc, rest, hive, ...) or '"
              + CatalogProperties.CATALOG_IMPL
              + "'; got "
              + properties.keySet());
    }
    return new IcebergCatalogConfig(name, properties);
  }

  /** A Hadoop (file system) catalog on a local warehouse directory, as tests and demos use. */
  public static IcebergCatalogConfig hadoop(java.nio.file.Path warehouse) {
    return of("onceflow", Map.of("type", "hadoop", "warehouse", warehouse.toUri().toString()));
  }

  public String name() {
    return name;
  }

  public Map<String, String> properties() {
    return java.util.Collections.unmodifiableMap(properties);
  }

  public Catalog build() {
    return CatalogUtil.buildIcebergCatalog(name, properties, new Configuration());
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>(properties);
    shown.replaceAll(
        (k, v) -> k.toLowerCase(java.util.Locale.ROOT).contains("password") ? "***" : v);
    return name + shown;
  }
}
