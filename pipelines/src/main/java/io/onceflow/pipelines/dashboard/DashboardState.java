package io.onceflow.pipelines.dashboard;

import io.onceflow.pipelines.OnceflowPipeline;
import io.onceflow.pipelines.PipelineRegistry;
import io.onceflow.pipelines.ShowPostgresTable;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.jdbc.JdbcConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Everything the page shows, read afresh on each request: per pipeline, each of its tables (or the
 * message why it cannot be read), and the live metrics when a Prometheus endpoint is given. A table
 * or catalog that is missing is a message on the page, never a failed request.
 */
final class DashboardState {

  private final DashboardOptions options;
  private final IcebergTableView iceberg = new IcebergTableView();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  DashboardState(DashboardOptions options) {
    this.options = options;
  }

  Map<String, Object> read() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("readAt", Instant.now().toString());
    state.put("warehouse", options.getWarehouse());
    state.put("namespace", options.getNamespace());
    Catalog catalog = null;
    String catalogError = null;
    try {
      catalog = IcebergCatalogOptions.catalog(options).build();
    } catch (RuntimeException e) {
      catalogError = "the Iceberg catalog cannot be opened: " + e;
    }
    List<Map<String, Object>> pipelines = new ArrayList<>();
    for (OnceflowPipeline p : PipelineRegistry.all()) {
      Map<String, Object> pipeline = new LinkedHashMap<>();
      pipeline.put("name", p.name());
      pipeline.put("description", p.description());
      List<Map<String, Object>> tables = new ArrayList<>();
      boolean postgres = storedInPostgres(p);
      pipeline.put("store", postgres ? "PostgreSQL" : "Iceberg");
      for (String table : p.tables()) {
        tables.add(postgres ? postgresTable(table) : icebergTable(catalog, catalogError, table));
      }
      pipeline.put("tables", tables);
      pipelines.add(pipeline);
    }
    state.put("pipelines", pipelines);
    if (!options.getMetricsUrl().isBlank()) {
      state.put("metrics", metrics());
    }
    return state;
  }

  /** Whether the pipeline's tables are in PostgreSQL: its {@code show} reads them there. */
  private static boolean storedInPostgres(OnceflowPipeline p) {
    return ShowPostgresTable.Options.class.isAssignableFrom(p.show().options());
  }

  private Map<String, Object> icebergTable(Catalog catalog, String catalogError, String table) {
    String name = options.getNamespace() + "." + table;
    if (catalog == null) {
      return missing(name, catalogError);
    }
    try {
      return iceberg.view(
          name,
          catalog.loadTable(TableIdentifier.of(options.getNamespace(), table)),
          options.getPageRows());
    } catch (NoSuchTableException | NoSuchNamespaceException e) {
      return missing(
          name,
          "no table " + name + " in " + options.getWarehouse() + " (has the pipeline run here?)");
    } catch (RuntimeException e) {
      return missing(name, "cannot be read: " + e);
    }
  }

  private Map<String, Object> postgresTable(String table) {
    String name = options.getDbSchema() + "." + table;
    if (options.getJdbcUrl() == null || options.getJdbcUrl().isBlank()) {
      return missing(name, "in PostgreSQL: give --jdbcUrl to see it");
    }
    try (Connection c = JdbcConnection.from(options).connect()) {
      return PostgresTableView.read(c, options.getDbSchema(), table, options.getPageRows());
    } catch (Exception e) {
      return missing(name, "cannot be read from " + options.getJdbcUrl() + ": " + e.getMessage());
    }
  }

  private static Map<String, Object> missing(String name, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("error", message);
    return m;
  }

  /** The endpoint's samples (name with labels, value), or the message why there are none. */
  private Map<String, Object> metrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", options.getMetricsUrl());
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(options.getMetricsUrl()))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        m.put("error", "HTTP " + r.statusCode());
        return m;
      }
      m.put("samples", PrometheusText.samples(r.body()));
    } catch (Exception e) {
      m.put("error", "no metrics from " + options.getMetricsUrl() + ": " + e);
    }
    return m;
  }
}
