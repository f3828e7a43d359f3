package io.onceflow.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * An Iceberg Hadoop (file-system) catalog on a local warehouse directory: the embedded default.
 * Production points the same properties at a REST, JDBC, Hive or Glue catalog instead; nothing else
 * changes, which is why this class hands out catalog <em>properties</em> first.
 */
public final class LocalIcebergWarehouse {

  public static final String CATALOG_NAME = "onceflow";

  private final Path directory;

  private LocalIcebergWarehouse(Path directory) {
    this.directory = directory;
  }

  /** A warehouse rooted at {@code directory}, created if missing. */
  public static LocalIcebergWarehouse at(Path directory) {
    Path absolute = directory.toAbsolutePath();
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the Iceberg warehouse directory " + absolute, e);
    }
    return new LocalIcebergWarehouse(absolute);
  }

  public Path directory() {
    return directory;
  }

  /** Catalog properties as Iceberg's {@link CatalogUtil} and Beam's IcebergIO take them. */
  public Map<String, String> catalogProperties() {
    return Map.of(
        CatalogUtil.ICEBERG_CATALOG_TYPE,
        CatalogUtil.ICEBERG_CATALOG_TYPE_HADOOP,
        "warehouse",
        directory.toUri().toString());
  }

  /** A new catalog client on this warehouse. */
  public Catalog catalog() {
    return CatalogUtil.buildIcebergCatalog(CATALOG_NAME, catalogProperties(), new Configuration());
  }
}
