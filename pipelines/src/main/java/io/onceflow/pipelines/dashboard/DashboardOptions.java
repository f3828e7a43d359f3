package io.onceflow.pipelines.dashboard;

import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.jdbc.JdbcOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** The options of {@code onceflow dashboard}. */
public interface DashboardOptions extends IcebergCatalogOptions, JdbcOptions {

  @Description("Address the dashboard listens on; loopback unless you mean to share it.")
  @Default.String("127.0.0.1")
  String getAddress();

  void setAddress(String value);

  @Description("Port the dashboard listens on; 0 takes a free one (the address is printed).")
  @Default.Integer(8090)
  int getPort();

  void setPort(int value);

  @Description("PostgreSQL schema of the tables of pipelines that write to PostgreSQL.")
  @Default.String("onceflow")
  String getDbSchema();

  void setDbSchema(String value);

  @Description("Rows listed per table (counts and charts always cover every row).")
  @Default.Integer(20)
  int getPageRows();

  void setPageRows(int value);

  @Description(
      "A running pipeline's Prometheus endpoint (e.g. http://127.0.0.1:9464/metrics) whose"
          + " metrics the page shows; empty shows none.")
  @Default.String("")
  String getMetricsUrl();

  void setMetricsUrl(String value);
}
