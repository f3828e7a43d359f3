package io.onceflow.pipelines.dashboard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows of one PostgreSQL table or view, with plain SQL as any reader: the count
 * and the first page in key order, both computed by the database (a million rows cost the page two
 * queries, not a transfer).
 */
final class PostgresTableView {

  private PostgresTableView() {}

  static Map<String, Object> read(Connection c, String schema, String table, int pageRows)
      throws SQLException {
    String name = "\"" + schema + "\".\"" + table + "\"";
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", schema + "." + table);
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + name)) {
        rs.next();
        view.put("rows", rs.getLong(1));
      }
      try (ResultSet rs =
          s.executeQuery("SELECT * FROM " + name + " ORDER BY 1 LIMIT " + pageRows)) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnName(i));
        }
        List<List<String>> page = new ArrayList<>();
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            values.add(String.valueOf(rs.getObject(i)));
          }
          page.add(values);
        }
        view.put("columns", columns);
        view.put("page", page);
      }
    }
    return view;
  }
}
