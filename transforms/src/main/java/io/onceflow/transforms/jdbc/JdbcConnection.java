package io.onceflow.transforms.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.joda.time.Duration;

/**
 * Where the JDBC sink connects, checked when it is made, and one connection pool per distinct
 * connection and JVM, shared by every writer of that JVM (a pool per DoFn instance would open
 * {@code poolSize} connections per thread of every worker).
 */
public final class JdbcConnection implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Map<JdbcConnection, HikariDataSource> POOLS = new ConcurrentHashMap<>();

  private final String url;
  private final String user;
  private final String password;
  private final int poolSize;

  private JdbcConnection(String url, String user, String password, int poolSize) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.poolSize = poolSize;
  }

  /** A connection with no password: for a database that trusts the user (the embedded one). */
  public static JdbcConnection of(String url, String user, int poolSize) {
    return check(url, user, "", poolSize, "--jdbcUrl", "--jdbcPoolSize");
  }

  /**
   * The connection the options describe; fails naming the option when one is wrong: a URL that is
   * not PostgreSQL's, a password given twice, a password file that cannot be read, a pool size
   * below 1.
   */
  public static JdbcConnection from(JdbcOptions o) {
    String password = o.getJdbcPassword() == null ? "" : o.getJdbcPassword();
    String file = o.getJdbcPasswordFile() == null ? "" : o.getJdbcPasswordFile();
    if (!file.isEmpty()) {
      if (!password.isEmpty()) {
        throw new IllegalArgumentException(
            "--jdbcPasswordFile and --jdbcPassword are both given; give one of them");
      }
      try {
        List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        password = lines.isEmpty() ? "" : lines.get(0);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "--jdbcPasswordFile " + file + " cannot be read: " + e, e);
      }
    }
    if (o.getJdbcCommitIntervalSeconds() < 1) {
      throw new IllegalArgumentException(
          "--jdbcCommitIntervalSeconds must be at least 1, was "
              + o.getJdbcCommitIntervalSeconds());
    }
    if (o.getJdbcMaxAttempts() < 1) {
      throw new IllegalArgumentException(
          "--jdbcMaxAttempts must be at least 1, was " + o.getJdbcMaxAttempts());
    }
    return check(
        o.getJdbcUrl(),
        o.getJdbcUser() == null ? "" : o.getJdbcUser(),
        password,
        o.getJdbcPoolSize(),
        "--jdbcUrl",
        "--jdbcPoolSize");
  }

  /** The commit interval of the options, checked by {@link #from}. */
  public static Duration commitInterval(JdbcOptions o) {
    return Duration.standardSeconds(o.getJdbcCommitIntervalSeconds());
  }

  private static JdbcConnection check(
      String url, String user, String password, int poolSize, String urlOption, String poolOption) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          urlOption + " is required: the PostgreSQL database to write to");
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          urlOption
              + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), was "
              + url);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException(poolOption + " must be at least 1, was " + poolSize);
    }
    return new JdbcConnection(url, user, password, poolSize);
  }

  public String url() {
    return url;
  }

  /** This JVM's pool for this connection, opened on first use. */
  public DataSource dataSource() {
    return POOLS.computeIfAbsent(this, JdbcConnection::open);
  }

  /** A connection from the pool, auto-commit off. */
  public Connection connect() throws java.sql.SQLException {
    return dataSource().getConnection();
  }

  private static HikariDataSource open(JdbcConnection c) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(c.url);
    if (!c.user.isEmpty()) {
      config.setUsername(c.user);
    }
    if (!c.password.isEmpty()) {
      config.setPassword(c.password);
    }
    config.setMaximumPoolSize(c.poolSize);
    config.setMinimumIdle(0);
    config.setAutoCommit(false);
    // INSERT ... ON CONFLICT DO UPDATE ... WHERE re-checks its WHERE against the newest committed
    // row under READ COMMITTED, so racing writers cannot let an older version win.
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setPoolName("onceflow-jdbc-" + Integer.toHexString(c.hashCode()));
    config.setConnectionTimeout(30_000);
    // Pools are created lazily; a database that is not there fails the first batch (and is
    // retried), not the pool's construction.
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  /** Closes this JVM's pools (tests and the demo, before their database stops). */
  public static void closePools() {
    for (HikariDataSource pool : POOLS.values()) {
      pool.close();
    }
    POOLS.clear();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JdbcConnection c
        && c.url.equals(url)
        && c.user.equals(user)
        && c.password.equals(password)
        && c.poolSize == poolSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, user, password, poolSize);
  }

  @Override
  public String toString() {
    return url + (user.isEmpty() ? "" : " as " + user);
  }
}
