package io.onceflow.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL server, started from the binaries packaged in a Maven artifact, on a free
 * loopback port with its data in {@code dataDir}. Used by tests, the demo and benchmarks.
 */
public final class LocalPostgres extends LocalService {

  public static final String USER = "postgres";
  public static final String DATABASE = "postgres";

  private final Path dataDir;
  private EmbeddedPostgres server;

  public LocalPostgres(Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath();
  }

  /** A JDBC URL for the default database, with the user in it. */
  public String jdbcUrl() {
    checkRunning();
    return server.getJdbcUrl(USER, DATABASE);
  }

  public int port() {
    checkRunning();
    return server.getPort();
  }

  @Override
  protected String describe() {
    return "PostgreSQL in " + dataDir;
  }

  @Override
  protected void doStart() {
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(FreePorts.pick())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
    }
  }

  @Override
  protected void doStop() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL in " + dataDir + " did not stop cleanly", e);
    } finally {
      server = null;
    }
  }
}
