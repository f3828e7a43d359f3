package io.onceflow.pipelines.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The dashboard's web server: the page, the chart library and {@code /api/state} (the JSON the page
 * renders every few seconds).
 *
 * <p>Why the JDK's own HTTP server ({@code jdk.httpserver}) rather than Javalin or Jetty 11/12:
 * Hadoop and Spark put Jetty 9.4 on the pipelines' classpath, and Jetty 11/12 share its package
 * names, so a newer Jetty here would meet the old one's classes at run time (the REST catalog
 * server runs Jetty in a JVM of its own for this reason). The dashboard serves one page and one
 * JSON document to a few browsers; the JDK's server does that with no dependency and no conflict,
 * and it runs in the demo's own JVM, which {@code demo --dashboard} needs.
 */
public final class DashboardServer implements AutoCloseable {

  /** Where the uPlot WebJar keeps its files on the classpath. */
  private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  private DashboardServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving the tables {@code options} name; {@link #url} says where. */
  public static DashboardServer start(DashboardOptions options) throws IOException {
    DashboardState state = new DashboardState(options);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(options.getAddress(), options.getPort()), 0);
    server.setExecutor(Executors.newFixedThreadPool(2, DashboardServer::daemon));
    server.createContext(
        "/", e -> resource(e, "io/onceflow/pipelines/dashboard/index.html", "text/html"));
    server.createContext("/uPlot.min.css", e -> resource(e, UPLOT + "uPlot.min.css", "text/css"));
    server.createContext(
        "/uPlot.iife.min.js", e -> resource(e, UPLOT + "uPlot.iife.min.js", "text/javascript"));
    server.createContext(
        "/api/state",
        e -> {
          Map<String, Object> s;
          synchronized (state) {
            s = state.read();
          }
          send(e, 200, "application/json", JSON.writeValueAsBytes(s));
        });
    server.start();
    return new DashboardServer(server);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "onceflow-dashboard");
    t.setDaemon(true);
    return t;
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8090/}. */
  public String url() {
    InetSocketAddress a = server.getAddress();
    return "http://" + a.getHostString() + ":" + a.getPort() + "/";
  }

  private static void resource(HttpExchange e, String path, String type) throws IOException {
    if (!e.getRequestURI().getPath().equals(e.getHttpContext().getPath())) {
      send(e, 404, "text/plain", "not found".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("not on the classpath: " + path);
      }
      send(e, 200, type + "; charset=utf-8", in.readAllBytes());
    }
  }

  private static void send(HttpExchange e, int status, String type, byte[] body)
      throws IOException {
    e.getResponseHeaders().set("Content-Type", type);
    e.getResponseHeaders().set("Cache-Control", "no-store");
    e.sendResponseHeaders(status, body.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
