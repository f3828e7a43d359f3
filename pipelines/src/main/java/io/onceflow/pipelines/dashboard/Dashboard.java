package io.onceflow.pipelines.dashboard;

import io.onceflow.pipelines.BadOptionException;
import io.onceflow.transforms.CommandOptions;
import java.io.PrintStream;
import java.net.BindException;

/**
 * {@code onceflow dashboard}: a web page of every pipeline's tables, read as any reader reads them,
 * refreshed every few seconds; it serves until the process is stopped (Ctrl-C).
 */
public final class Dashboard {

  private Dashboard() {}

  /** Parses the options; a bad one is a {@link BadOptionException} naming it. */
  public static DashboardOptions options(String[] args) {
    return BadOptionException.parsing(
        () -> {
          DashboardOptions o = CommandOptions.parse(args, DashboardOptions.class);
          if (o.getPort() < 0 || o.getPort() > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, was " + o.getPort());
          }
          if (o.getPageRows() < 1) {
            throw new IllegalArgumentException(
                "--pageRows must be at least 1, was " + o.getPageRows());
          }
          return o;
        });
  }

  /** Starts the dashboard and prints its address; a port in use is a bad option. */
  public static DashboardServer start(DashboardOptions o, PrintStream out)
      throws java.io.IOException {
    DashboardServer server;
    try {
      server = DashboardServer.start(o);
    } catch (BindException e) {
      throw new BadOptionException(
          "--port: cannot listen on "
              + o.getAddress()
              + ":"
              + o.getPort()
              + " ("
              + e.getMessage()
              + "); pick another, or --port=0 for a free one",
          e);
    }
    out.println("onceflow dashboard: " + server.url());
    out.flush();
    return server;
  }

  /** {@code onceflow dashboard}: serves until the process is stopped. */
  public static int run(String[] args, PrintStream out) throws Exception {
    DashboardOptions o = options(args);
    try (DashboardServer server = start(o, out)) {
      out.println("onceflow dashboard: reading " + o.getWarehouse() + "; Ctrl-C stops it");
      new java.util.concurrent.CountDownLatch(1).await();
    }
    return 0;
  }
}
