package io.onceflow.transforms.jdbc;

import io.onceflow.transforms.iceberg.UpsertTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of rows into a PostgreSQL table kept at one row per key, with the contract of the
 * Iceberg upsert sink ({@link UpsertTable}): a row replaces the stored row of its key only if its
 * version columns are lexicographically greater (nulls first) and the stored row is not sealed;
 * with no version columns the first row stored stays. So a replayed or retried batch changes
 * nothing and an older version never overwrites a newer one, whichever writer gets there first.
 *
 * <p>The rule is in the statement, {@code INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE <stored
 * is older>}: PostgreSQL evaluates the WHERE against the newest committed row (it waits for a
 * concurrent writer of the key), so no read-then-write race exists. A batch is one transaction, its
 * rows in key order so two writers lock shared keys in the same order and cannot deadlock each
 * other. A serialization failure, a deadlock, or a lost or refused connection rolls the transaction
 * back and it is retried on a fresh connection with doubling back-off; any other error, or the last
 * attempt failing, fails the batch with the cause.
 */
public final class PostgresUpserter {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresUpserter.class);

  private final JdbcConnection connection;
  private final UpsertTable table;
  private final Schema schema;
  private final int maxAttempts;
  private final long firstBackoffMillis;
  private final int chunkRows;

  public PostgresUpserter(
      JdbcConnection connection,
      UpsertTable table,
      Schema schema,
      int maxAttempts,
      long firstBackoffMillis) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + maxAttempts);
    }
    this.connection = connection;
    this.table = table;
    this.schema = schema;
    this.maxAttempts = maxAttempts;
    this.firstBackoffMillis = firstBackoffMillis;
    // PostgreSQL takes at most 65535 parameters per statement.
    this.chunkRows = Math.max(1, Math.min(1000, 65535 / schema.getFieldCount()));
  }

  /**
   * The statement for {@code rows} rows, their parameters row after row in the schema's field
   * order. One multi-row statement per chunk: one round trip, and (the batch holding one row per
   * key) no row affected twice.
   */
  static String upsertStatement(UpsertTable table, Schema schema, int rows) {
    List<String> columns = schema.getFieldNames();
    StringBuilder s = new StringBuilder("INSERT INTO ").append(PostgresTables.qualifiedName(table));
    s.append(" AS stored (")
        .append(String.join(", ", columns.stream().map(PostgresTables::quote).toList()))
        .append(") VALUES ");
    String tuple = "(" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    for (int i = 0; i < rows; i++) {
      s.append(i == 0 ? "" : ", ").append(tuple);
    }
    s.append(" ON CONFLICT (")
        .append(String.join(", ", table.keyColumns().stream().map(PostgresTables::quote).toList()))
        .append(") ");
    List<String> updated = columns.stream().filter(c -> !table.keyColumns().contains(c)).toList();
    if (table.versionColumns().isEmpty() || updated.isEmpty()) {
      return s.append("DO NOTHING").toString();
    }
    s.append("DO UPDATE SET ")
        .append(
            String.join(
                ", ",
                updated.stream()
                    .map(PostgresTables::quote)
                    .map(c -> c + " = EXCLUDED." + c)
                    .toList()))
        .append(" WHERE ")
        .append(storedIsOlder(table.versionColumns(), 0));
    if (table.sealColumn() != null) {
      s.append(" AND stored.")
          .append(PostgresTables.quote(table.sealColumn()))
          .append(" IS NOT TRUE");
    }
    return s.toString();
  }

  /** Lexicographic "stored < excluded" over the version columns from {@code i}, nulls first. */
  private static String storedIsOlder(List<String> versions, int i) {
    String c = PostgresTables.quote(versions.get(i));
    String less =
        "((stored."
            + c
            + " IS NULL OR stored."
            + c
            + " < EXCLUDED."
            + c
            + ") AND EXCLUDED."
            + c
            + " IS NOT NULL)";
    if (i == versions.size() - 1) {
      return less;
    }
    return "("
        + less
        + " OR (stored."
        + c
        + " IS NOT DISTINCT FROM EXCLUDED."
        + c
        + " AND "
        + storedIsOlder(versions, i + 1)
        + "))";
  }

  /** Writes the batch in one transaction, retried as the class says; never partly. */
  public JdbcBatchOutcome write(Collection<Row> batch) throws SQLException {
    List<Row> rows = newestPerKeyInKeyOrder(batch);
    long superseded = batch.size() - rows.size();
    SQLException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        long written = writeOnce(rows);
        return new JdbcBatchOutcome(
            table.name(), written, superseded + rows.size() - written, attempt);
      } catch (SQLException e) {
        if (!isRetryable(e)) {
          throw new SQLException(
              "table "
                  + PostgresTables.qualifiedName(table)
                  + ": batch of "
                  + batch.size()
                  + " rows failed: "
                  + e.getMessage(),
              e.getSQLState(),
              e);
        }
        last = e;
        if (attempt < maxAttempts) {
          long backoff = Math.min(firstBackoffMillis << (attempt - 1), 10_000L);
          LOG.warn(
              "table {}: attempt {} of {} failed ({}: {}); retrying in {} ms",
              table.name(),
              attempt,
              maxAttempts,
              e.getSQLState(),
              e.getMessage(),
              backoff);
          sleep(backoff);
        }
      }
    }
    throw new SQLException(
        "table "
            + PostgresTables.qualifiedName(table)
            + ": batch of "
            + batch.size()
            + " rows failed after "
            + maxAttempts
            + " attempts; last: "
            + last.getMessage(),
        last.getSQLState(),
        last);
  }

  private long writeOnce(List<Row> rows) throws SQLException {
    try (Connection c = connection.connect()) {
      try {
        long written = 0;
        for (int from = 0; from < rows.size(); from += chunkRows) {
          List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + chunkRows));
          try (PreparedStatement st =
              c.prepareStatement(upsertStatement(table, schema, chunk.size()))) {
            int p = 1;
            for (Row r : chunk) {
              p = bind(st, r, p);
            }
            written += st.executeUpdate();
          }
        }
        c.commit();
        return written;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      if (!c.isClosed()) {
        c.rollback();
      }
    } catch (SQLException e) {
      // The connection is gone with its transaction, which the server has rolled back.
      cause.addSuppressed(e);
    }
  }

  /** Binds {@code r}'s values from parameter {@code i}; returns the next parameter's index. */
  private int bind(PreparedStatement st, Row r, int i) throws SQLException {
    for (Field f : schema.getFields()) {
      Object v = r.getValue(f.getName());
      int scale = PostgresTables.scaleOf(f);
      if (v == null) {
        st.setNull(i, sqlTypeCode(f));
      } else if (scale >= 0) {
        BigDecimal d = (BigDecimal) v;
        try {
          // More decimals than the column keeps is an error, never a rounding.
          st.setBigDecimal(i, d.setScale(scale, RoundingMode.UNNECESSARY));
        } catch (ArithmeticException e) {
          throw new SQLException(
              "column '" + f.getName() + "' keeps " + scale + " decimals, the value is " + d,
              "22003",
              e);
        }
      } else if (v instanceof ReadableInstant t) {
        st.setObject(
            i,
            OffsetDateTime.ofInstant(
                java.time.Instant.ofEpochMilli(t.getMillis()), ZoneOffset.UTC));
      } else {
        st.setObject(i, v);
      }
      i++;
    }
    return i;
  }

  private static int sqlTypeCode(Field f) {
    switch (f.getType().getTypeName()) {
      case STRING:
        return Types.VARCHAR;
      case INT64:
        return Types.BIGINT;
      case INT32:
        return Types.INTEGER;
      case BOOLEAN:
        return Types.BOOLEAN;
      case DOUBLE:
        return Types.DOUBLE;
      case DATETIME:
        return Types.TIMESTAMP_WITH_TIMEZONE;
      default:
        return Types.NUMERIC;
    }
  }

  /**
   * The newest row of each key (of equal versions the first), sorted by key: fewer statements, and
   * a lock order that every writer shares.
   */
  private List<Row> newestPerKeyInKeyOrder(Collection<Row> batch) {
    Map<List<Object>, Row> newest = new LinkedHashMap<>();
    for (Row r : batch) {
      newest.merge(values(r, table.keyColumns()), r, (a, b) -> compare(b, a) > 0 ? b : a);
    }
    List<Map.Entry<List<Object>, Row>> entries = new ArrayList<>(newest.entrySet());
    entries.sort(Map.Entry.comparingByKey(PostgresUpserter::compareLists));
    return entries.stream().map(Map.Entry::getValue).toList();
  }

  private int compare(Row a, Row b) {
    return compareLists(values(a, table.versionColumns()), values(b, table.versionColumns()));
  }

  private static List<Object> values(Row r, List<String> columns) {
    List<Object> v = new ArrayList<>(columns.size());
    for (String c : columns) {
      Object o = r.getValue(c);
      v.add(o instanceof ReadableInstant t ? t.getMillis() : o);
    }
    return v;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareLists(List<Object> a, List<Object> b) {
    Comparator<Object> nullsFirst = Comparator.nullsFirst((x, y) -> ((Comparable) x).compareTo(y));
    for (int i = 0; i < a.size(); i++) {
      int cmp = nullsFirst.compare(a.get(i), b.get(i));
      if (cmp != 0) {
        return cmp;
      }
    }
    return 0;
  }

  /**
   * Serialization failure (40001), deadlock (40P01), connection failures (class 08), the server
   * shutting down or terminating the session (57P01-57P03), or a transient driver/pool error.
   */
  static boolean isRetryable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.equals("40001")
            || state.equals("40P01")
            || state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")) {
          return true;
        }
      }
    }
    return false;
  }

  private static void sleep(long millis) throws SQLException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting to retry", e);
    }
  }
}
