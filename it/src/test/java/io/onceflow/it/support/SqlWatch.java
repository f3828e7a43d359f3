package io.onceflow.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Watches a PostgreSQL table that a pipeline running elsewhere writes, with plain SQL as any reader
 * would: a count, polled until it satisfies a condition ({@link Await}).
 */
public final class SqlWatch {

  /** PostgreSQL's undefined_table: the pipeline has not created it yet. */
  private static final String UNDEFINED_TABLE = "42P01";

  private final String jdbcUrl;

  public SqlWatch(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** {@code SELECT count(*) FROM <from>}, or null if the table does not exist yet. */
  public Long count(String from) {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return null;
      }
      throw new IllegalStateException("cannot count " + from + " at " + jdbcUrl, e);
    }
  }

  /** Until the count of {@code from} satisfies {@code condition}; returns it. */
  public long awaitCount(
      String from,
      String what,
      LongPredicate condition,
      Duration timeout,
      Supplier<Optional<String>> stopped)
      throws InterruptedException {
    return Await.until(
        from + " had " + what,
        () -> count(from),
        n -> condition.test(n),
        n -> n + " rows",
        timeout,
        stopped);
  }
}
