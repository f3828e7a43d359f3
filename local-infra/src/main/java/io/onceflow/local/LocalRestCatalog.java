package io.onceflow.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Iceberg REST catalog server on a free loopback port, in a JVM of its own whose classpath
 * the {@code rest-catalog-server} module recorded: Iceberg's REST catalog servlet over a JDBC
 * catalog kept in a SQLite file in {@code workDir}, so a stopped server started again still knows
 * its tables (on a new port). The server writes the tables' metadata files itself: give it the
 * warehouse and the file IO properties its clients use (for S3, {@link
 * LocalS3#fileIoProperties()}).
 */
public final class LocalRestCatalog extends LocalService {

  static final String CLASSPATH_RESOURCE = "io/onceflow/restcatalog/rest-catalog-server.classpath";
  public static final String CLASSPATH_PROPERTY = "onceflow.rest-catalog-server.classpath";
  private static final String MAIN = "io.onceflow.restcatalog.RestCatalogServerMain";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path workDir;
  private final Map<String, String> backend;
  private int port;
  private ForkedJvm jvm;

  /**
   * A catalog whose tables go under {@code warehouse} (a URI: {@code s3://bucket/path}, {@code
   * file:///...}), written with {@code fileIoProperties} ({@code io-impl}, {@code s3.endpoint},
   * ...; empty for Iceberg's default file IO).
   */
  public LocalRestCatalog(Path workDir, String warehouse, Map<String, String> fileIoProperties) {
    if (warehouse == null || !warehouse.contains(":")) {
      throw new IllegalArgumentException(
          "the REST catalog's warehouse must be a URI (s3://bucket/path, file:///dir), was: "
              + warehouse);
    }
    this.workDir = workDir.toAbsolutePath();
    Map<String, String> p = new LinkedHashMap<>(fileIoProperties);
    p.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
    p.put("uri", "jdbc:sqlite:" + this.workDir.resolve("catalog.db"));
    // One connection: SQLite takes one writer at a time, and the server serves one client here.
    p.put("clients", "1");
    p.put("jdbc.schema-version", "V1");
    p.put("warehouse", warehouse);
    this.backend = p;
  }

  /** The REST endpoint, {@code http://127.0.0.1:<port>}, for the client property {@code uri}. */
  public String uri() {
    checkRunning();
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    checkRunning();
    return port;
  }

  public long pid() {
    checkRunning();
    return jvm.pid();
  }

  /** The warehouse the server puts new tables under. */
  public String warehouse() {
    return backend.get("warehouse");
  }

  /**
   * Client catalog properties: {@code type=rest}, {@code uri}, {@code warehouse}; add the file IO
   * properties the data files need.
   */
  public Map<String, String> catalogProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("type", "rest");
    p.put("uri", uri());
    p.put("warehouse", warehouse());
    return p;
  }

  @Override
  protected String describe() {
    return "Iceberg REST catalog in " + workDir;
  }

  @Override
  protected void doStart() {
    List<String> classpath =
        new ArrayList<>(
            RecordedClasspath.load(
                "Iceberg REST catalog",
                CLASSPATH_RESOURCE,
                CLASSPATH_PROPERTY,
                "onceflow-rest-catalog-server"));
    classpath.add(RecordedClasspath.locationOf(MAIN, "onceflow-rest-catalog-server"));
    port = FreePorts.pick();
    List<String> args = new ArrayList<>();
    args.add(String.valueOf(port));
    backend.forEach((k, v) -> args.add(k + "=" + v));
    Path log = workDir.resolve("rest-catalog.log");
    jvm =
        ForkedJvm.start(
            classpath,
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"),
            MAIN,
            args,
            log);
    awaitAnswering(log);
  }

  @Override
  protected void doStop() {
    jvm.stop(Duration.ofSeconds(20));
    jvm = null;
  }

  private void awaitAnswering(Path log) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String config = "http://127.0.0.1:" + port + "/v1/config";
    // A listening port could be another program's: only the REST catalog's config answer counts.
    while (!(FreePorts.isListening(port)
        && HttpCalls.tryCall("GET", config).map(b -> b.contains("defaults")).orElse(false))) {
      if (!jvm.isAlive()) {
        String output = jvm.tail();
        jvm = null;
        throw new IllegalStateException(
            "the Iceberg REST catalog exited during start-up; see " + log + ":\n" + output);
      }
      if (System.nanoTime() > deadline) {
        jvm.kill();
        String output = jvm.tail();
        jvm = null;
        throw new IllegalStateException(
            "the Iceberg REST catalog did not answer GET "
                + config
                + " within "
                + START_TIMEOUT
                + "; see "
                + log
                + ":\n"
                + output);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the REST catalog", e);
      }
    }
  }
}
