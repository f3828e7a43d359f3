package io.onceflow.transforms.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A pipeline's metrics on an HTTP {@code /metrics} endpoint in Prometheus text format, for any
 * pipeline on any runner: each scrape asks {@code source} for the totals now (a sidecar of the
 * running job, reading what {@code PipelineResult.metrics()} or the runner reports) and exports
 * them under {@link PrometheusNames}. Every counter below is exported from the first scrape on, at
 * 0 until a step reports it, so that a name is never missing while a pipeline runs; the watermark
 * once a window has fired. Served by the JDK's HTTP server on daemon threads.
 */
public final class MetricsEndpoint implements AutoCloseable {

  /** The counters exported, with their help lines, in the order of the exposition. */
  static final Map<String, String> COUNTERS = new LinkedHashMap<>();

  static {
    COUNTERS.put(MetricNames.PARSED, "Records that became a pipeline's element (parsed, valid).");
    COUNTERS.put(MetricNames.DEAD_LETTERS, "Records that could not be used: dead letters.");
    COUNTERS.put(MetricNames.DUPLICATES, "Exact copies of a version already kept, dropped.");
    COUNTERS.put(MetricNames.CONFLICTS, "Versions of one key that disagree.");
    COUNTERS.put(MetricNames.TOO_LATE, "Elements after their window closed, kept apart.");
    COUNTERS.put(
        MetricNames.DROPPED_DUE_TO_LATENESS, "Elements a runner's GroupByKey dropped as late.");
    COUNTERS.put(MetricNames.PANES, "Panes emitted by the aggregations.");
    COUNTERS.put(MetricNames.FINAL_PANES, "Final panes emitted by the aggregations.");
    COUNTERS.put(MetricNames.ROWS_RECEIVED, "Rows that reached the upsert sinks.");
    COUNTERS.put(MetricNames.ROWS_WRITTEN, "Rows the upsert sinks wrote.");
    COUNTERS.put(MetricNames.ROWS_IGNORED, "Rows not written: the stored row is as new or newer.");
    COUNTERS.put(MetricNames.COMMITS, "Commits that landed.");
    COUNTERS.put(MetricNames.COMMITS_SKIPPED, "Batches whose commit was already in the history.");
    COUNTERS.put(MetricNames.RECORDS_NEW, "Available-now runs: records past the last stop.");
    COUNTERS.put(MetricNames.RECORDS_READ_AGAIN, "Available-now runs: records read again.");
  }

  private final HTTPServer server;
  private final String url;

  private MetricsEndpoint(HTTPServer server, String url) {
    this.server = server;
    this.url = url;
  }

  /**
   * Serves {@code source}'s totals at {@code address} ({@code host:port}, port 0 for any free one;
   * see {@link MetricsOptions}). A bad address or one that cannot be bound (a port taken) is an
   * {@link IllegalArgumentException} naming {@code --metricsAddress}.
   */
  public static MetricsEndpoint start(String address, Supplier<MetricTotals> source) {
    InetSocketAddress bind = check(address);
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new TotalsCollector(source));
    HTTPServer server;
    try {
      server =
          HTTPServer.builder()
              .inetAddress(bind.getAddress())
              .port(bind.getPort())
              .registry(registry)
              .buildAndStart();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--metricsAddress " + address + " cannot be served: " + e.getMessage(), e);
    }
    String host = bind.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return new MetricsEndpoint(server, "http://" + host + ":" + server.getPort() + "/metrics");
  }

  /** Whether {@code address} asks for no endpoint. */
  public static boolean isOff(String address) {
    return MetricsOptions.OFF.equalsIgnoreCase(address.trim());
  }

  /**
   * The address as given, checked: host and port, the host known; else an {@link
   * IllegalArgumentException} naming {@code --metricsAddress}.
   */
  public static InetSocketAddress check(String address) {
    String usage =
        "--metricsAddress must be HOST:PORT (port 0 for any free one) or "
            + MetricsOptions.OFF
            + ", was '"
            + address
            + "'";
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException(usage);
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(usage, e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(usage + ": the port is 0 to 65535");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(usage + ": unknown host " + host, e);
    }
  }

  /** Where to scrape it: {@code http://host:port/metrics}. */
  public String url() {
    return url;
  }

  @Override
  public void close() {
    server.close();
  }

  /** The totals of one scrape as Prometheus snapshots. */
  private static final class TotalsCollector implements MultiCollector {

    private final Supplier<MetricTotals> source;

    TotalsCollector(Supplier<MetricTotals> source) {
      this.source = source;
    }

    @Override
    public MetricSnapshots collect() {
      List<MetricSnapshot> snapshots = new ArrayList<>();
      MetricTotals totals;
      try {
        totals = source.get();
      } catch (RuntimeException notAvailable) {
        // The runner could not answer now (a job starting, a cluster away): say so, and export no
        // counter rather than zeros that would read as a reset.
        snapshots.add(gauge(PrometheusNames.METRICS_AVAILABLE, "Whether the runner answered.", 0));
        return new MetricSnapshots(snapshots);
      }
      snapshots.add(gauge(PrometheusNames.METRICS_AVAILABLE, "Whether the runner answered.", 1));
      snapshots.add(
          counter(
              PrometheusNames.RECORDS_READ,
              "Records a source delivered: parsed and dead letters.",
              totals.recordsRead()));
      for (Map.Entry<String, String> c : COUNTERS.entrySet()) {
        snapshots.add(
            counter(PrometheusNames.of(c.getKey()), c.getValue(), totals.counter(c.getKey())));
      }
      OptionalLong watermark = totals.gauge(MetricNames.WATERMARK_PASSED);
      if (watermark.isPresent()) {
        snapshots.add(
            gauge(
                PrometheusNames.WATERMARK_PASSED,
                "A lower bound of the watermark: the end of the newest window that fired.",
                watermark.getAsLong() / 1000.0));
      }
      return new MetricSnapshots(snapshots);
    }

    private static MetricSnapshot counter(String name, String help, long value) {
      return CounterSnapshot.builder()
          .name(name)
          .help(help)
          .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build())
          .build();
    }

    private static MetricSnapshot gauge(String name, String help, double value) {
      return GaugeSnapshot.builder()
          .name(name)
          .help(help)
          .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
          .build();
    }
  }
}
