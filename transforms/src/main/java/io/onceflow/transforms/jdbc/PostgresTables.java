package io.onceflow.transforms.jdbc;

import io.onceflow.transforms.iceberg.UpsertTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.values.Row;

/**
 * PostgreSQL tables for Beam rows: the column types the rows map to, and a table created with its
 * primary key when missing or checked when present, so a table that does not fit fails at start-up
 * with the column that does not, instead of at the first batch.
 *
 * <p>Types: STRING text, INT64 bigint, INT32 integer, BOOLEAN boolean, DOUBLE double precision,
 * DATETIME timestamptz, DECIMAL (money) numeric(18,2), a {@link FixedPrecisionNumeric} numeric of
 * its own precision and scale. A table's namespace is its PostgreSQL schema.
 */
public final class PostgresTables {

  static final int MONEY_PRECISION = 18;
  static final int MONEY_SCALE = 2;

  private PostgresTables() {}

  /** {@code "namespace"."name"}. */
  public static String qualifiedName(UpsertTable table) {
    return quote(table.namespace()) + "." + quote(table.name());
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /**
   * Creates the table (and its schema) with the rows' columns and the key as primary key if it is
   * missing; otherwise checks that every column of the rows is there with its type, that the
   * primary key is the table's key columns, and that the table has no NOT NULL column the rows do
   * not fill. Throws {@link IllegalStateException} naming the table and column on a mismatch.
   */
  public static void createOrValidate(JdbcConnection connection, UpsertTable table, Schema schema) {
    for (String c : table.keyColumns()) {
      requireField(table, schema, c, "key");
    }
    for (String c : table.versionColumns()) {
      requireField(table, schema, c, "version");
    }
    if (table.sealColumn() != null) {
      requireField(table, schema, table.sealColumn(), "seal");
      if (schema.getField(table.sealColumn()).getType().getTypeName() != Schema.TypeName.BOOLEAN) {
        throw new IllegalArgumentException(
            "table " + table.name() + ": seal column '" + table.sealColumn() + "' is not boolean");
      }
    }
    try (Connection c = connection.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(table.namespace()));
        st.execute(createTable(table, schema));
      }
      c.commit();
      validate(c, table, schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create or check table " + qualifiedName(table) + " at " + connection + ": " + e,
          e);
    }
  }

  private static void requireField(UpsertTable table, Schema schema, String column, String role) {
    if (!schema.hasField(column)) {
      throw new IllegalArgumentException(
          "table "
              + table.name()
              + ": "
              + role
              + " column '"
              + column
              + "' is not in the rows' schema "
              + schema.getFieldNames());
    }
  }

  static String createTable(UpsertTable table, Schema schema) {
    StringBuilder sql =
        new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualifiedName(table)).append(" (");
    for (Field f : schema.getFields()) {
      sql.append(quote(f.getName())).append(' ').append(sqlType(f));
      if (!f.getType().getNullable()) {
        sql.append(" NOT NULL");
      }
      sql.append(", ");
    }
    sql.append("PRIMARY KEY (");
    sql.append(String.join(", ", table.keyColumns().stream().map(PostgresTables::quote).toList()));
    return sql.append("))").toString();
  }

  /** The PostgreSQL type a Beam field is stored as. */
  static String sqlType(Field f) {
    FieldType t = f.getType();
    switch (t.getTypeName()) {
      case STRING:
        return "text";
      case INT64:
        return "bigint";
      case INT32:
        return "integer";
      case BOOLEAN:
        return "boolean";
      case DOUBLE:
        return "double precision";
      case DATETIME:
        return "timestamp with time zone";
      case DECIMAL:
        return "numeric(" + MONEY_PRECISION + "," + MONEY_SCALE + ")";
      case LOGICAL_TYPE:
        if (FixedPrecisionNumeric.IDENTIFIER.equals(t.getLogicalType().getIdentifier())) {
          Row ps = t.getLogicalType().getArgument();
          return "numeric(" + ps.getInt32("precision") + "," + ps.getInt32("scale") + ")";
        }
      // fall through
      default:
        throw new IllegalArgumentException(
            "column '" + f.getName() + "' has type " + t + ", which the JDBC sink does not map");
    }
  }

  /** The scale a decimal field is written with, or -1 for a field that is not a decimal. */
  static int scaleOf(Field f) {
    FieldType t = f.getType();
    if (t.getTypeName() == Schema.TypeName.DECIMAL) {
      return MONEY_SCALE;
    }
    if (t.getTypeName() == Schema.TypeName.LOGICAL_TYPE
        && FixedPrecisionNumeric.IDENTIFIER.equals(t.getLogicalType().getIdentifier())) {
      Row ps = t.getLogicalType().getArgument();
      return ps.getInt32("scale");
    }
    return -1;
  }

  private static void validate(Connection c, UpsertTable table, Schema schema) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, Boolean> notNull = new LinkedHashMap<>();
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                + " a.attnotnull AND NOT a.atthasdef"
                + " FROM pg_attribute a WHERE a.attrelid = ?::regclass AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY a.attnum")) {
      st.setString(1, qualifiedName(table));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
          notNull.put(rs.getString(1), rs.getBoolean(3));
        }
      }
    }
    String where = "table " + qualifiedName(table) + ": ";
    for (Field f : schema.getFields()) {
      String stored = types.get(f.getName());
      if (stored == null) {
        throw new IllegalStateException(
            where + "column '" + f.getName() + "' is missing (expected " + sqlType(f) + ")");
      }
      if (!stored.equals(sqlType(f))) {
        throw new IllegalStateException(
            where
                + "column '"
                + f.getName()
                + "' is "
                + stored
                + ", the pipeline writes "
                + sqlType(f));
      }
    }
    for (Map.Entry<String, Boolean> e : notNull.entrySet()) {
      if (e.getValue() && !schema.hasField(e.getKey())) {
        throw new IllegalStateException(
            where
                + "column '"
                + e.getKey()
                + "' is NOT NULL without a default, and the pipeline does not write it");
      }
    }
    List<String> primaryKey = new ArrayList<>();
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT a.attname FROM pg_index i"
                + " JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY k.n")) {
      st.setString(1, qualifiedName(table));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          primaryKey.add(rs.getString(1));
        }
      }
    }
    c.commit();
    if (!new java.util.HashSet<>(primaryKey).equals(new java.util.HashSet<>(table.keyColumns()))) {
      throw new IllegalStateException(
          where
              + "primary key is "
              + (primaryKey.isEmpty() ? "missing" : primaryKey)
              + ", the pipeline keys rows by "
              + table.keyColumns()
              + (primaryKey.isEmpty()
                  ? ""
                  : "; column '" + firstDifference(primaryKey, table.keyColumns()) + "' differs"));
    }
  }

  private static String firstDifference(List<String> stored, List<String> expected) {
    for (String c : expected) {
      if (!stored.contains(c)) {
        return c;
      }
    }
    for (String c : stored) {
      if (!expected.contains(c)) {
        return c;
      }
    }
    return "";
  }
}
