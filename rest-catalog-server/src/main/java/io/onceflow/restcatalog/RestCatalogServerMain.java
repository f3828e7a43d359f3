package io.onceflow.restcatalog;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * An Iceberg REST catalog server on 127.0.0.1 only: Iceberg's {@code RESTCatalogServlet} over a
 * {@code RESTCatalogAdapter} of a backend catalog, in Jetty. Iceberg's own {@code
 * RESTCatalogServer} binds every interface on port 8181; this one binds the loopback address on the
 * port it is given.
 *
 * <p>Arguments: the port, then the backend catalog's properties as {@code key=value} ({@code
 * catalog-impl} or {@code type}, {@code uri}, {@code warehouse}, {@code io-impl}, {@code
 * s3.endpoint}, ...). The backend writes the tables' metadata files itself, so it needs the same
 * file IO as the clients.
 */
public final class RestCatalogServerMain {

  static final String LOOPBACK = "127.0.0.1";

  private RestCatalogServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: RestCatalogServerMain <port> <backend catalog key=value>...");
    }
    int port = Integer.parseInt(args[0]);
    Map<String, String> properties = new TreeMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "backend catalog property must be key=value, was: " + args[i]);
      }
      properties.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    if (!properties.containsKey(CatalogProperties.CATALOG_IMPL)
        && !properties.containsKey(CatalogUtil.ICEBERG_CATALOG_TYPE)) {
      throw new IllegalArgumentException(
          "the backend catalog needs "
              + CatalogProperties.CATALOG_IMPL
              + " or "
              + CatalogUtil.ICEBERG_CATALOG_TYPE
              + "; got "
              + properties.keySet());
    }
    Catalog backend = CatalogUtil.buildIcebergCatalog("rest_backend", properties, null);

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.addServlet(
        new ServletHolder(new RESTCatalogServlet(new RESTCatalogAdapter(backend))), "/*");

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(LOOPBACK);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    InetSocketAddress bound = new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    System.out.println(
        "onceflow REST catalog: listening on http://"
            + bound.getHostString()
            + ":"
            + bound.getPort()
            + " over "
            + backend.getClass().getName()
            + " "
            + shown(properties));
    server.join();
  }

  /** The properties with secrets masked, for the log. */
  private static Map<String, String> shown(Map<String, String> properties) {
    Map<String, String> shown = new TreeMap<>(properties);
    shown.replaceAll(
        (k, v) -> {
          String key = k.toLowerCase(Locale.ROOT);
          return key.contains("password") || key.contains("secret") ? "***" : v;
        });
    return shown;
  }
}
