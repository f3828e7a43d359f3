package io.onceflow.pipelines.dashboard;

import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.jdbc.JdbcOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The dashboard of {@code onceflow demo --dashboard}: started on the demo's own warehouse (and
 * PostgreSQL database) once the demo knows where they are, and kept up after the demo's verdict
 * until the user stops it, so the finished tables can be looked at.
 */
public final class DemoDashboard {

  private DemoDashboard() {}

  /** The dashboard on {@code demo}'s tables when it was asked for, else null. */
  public static DashboardServer startIfAsked(PipelineOptions demo, PrintStream out)
      throws IOException {
    DemoDashboardOptions asked = demo.as(DemoDashboardOptions.class);
    if (!asked.getDashboard()) {
      return null;
    }
    DashboardOptions d = PipelineOptionsFactory.create().as(DashboardOptions.class);
    IcebergCatalogOptions catalog = demo.as(IcebergCatalogOptions.class);
    d.setCatalogType(catalog.getCatalogType());
    d.setWarehouse(catalog.getWarehouse());
    d.setCatalogProperties(catalog.getCatalogProperties());
    d.setNamespace(catalog.getNamespace());
    JdbcOptions jdbc = demo.as(JdbcOptions.class);
    d.setJdbcUrl(jdbc.getJdbcUrl());
    d.setJdbcUser(jdbc.getJdbcUser());
    d.setJdbcPassword(jdbc.getJdbcPassword());
    d.setJdbcPasswordFile(jdbc.getJdbcPasswordFile());
    d.setPort(asked.getDashboardPort());
    return Dashboard.start(d, out);
  }

  /** After the demo's verdict: serves until the process is stopped (Ctrl-C), if it was started. */
  public static void keepServing(DashboardServer dashboard, PrintStream out) {
    if (dashboard == null) {
      return;
    }
    out.println(
        "onceflow demo: the dashboard keeps serving the tables at "
            + dashboard.url()
            + "; Ctrl-C stops it");
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
