package io.onceflow.pipelines;

import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.jdbc.JdbcConnection;
import io.onceflow.transforms.jdbc.JdbcOptions;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * {@code onceflow show <pipeline>} for a pipeline whose tables are in PostgreSQL: a table's (or
 * view's) rows as any reader sees them, with plain SQL, in key order.
 */
public final class ShowPostgresTable {

  /** The options of {@code onceflow show} on PostgreSQL. */
  public interface Options extends JdbcOptions {
    @Description("PostgreSQL schema of the pipeline's tables.")
    @Default.String("onceflow")
    String getDbSchema();

    void setDbSchema(String value);

    @Description("The table or view to show, in --dbSchema; default: the pipeline's main one.")
    @Default.String("")
    String getTable();

    void setTable(String value);

    @Description("At most this many rows are printed (the count is always exact).")
    @Default.Integer(50)
    int getLimit();

    void setLimit(int value);
  }

  private ShowPostgresTable() {}

  public static PipelineCommand command(OnceflowPipeline pipeline) {
    return PipelineCommand.of(
        Options.class,
        (args, out) -> {
          Options o =
              BadOptionException.parsing(
                  () -> {
                    Options parsed = CommandOptions.parse(args, Options.class);
                    JdbcConnection.from(parsed);
                    if (parsed.getTable().isBlank()) {
                      parsed.setTable(pipeline.tables().get(0));
                    }
                    if (!parsed.getTable().matches("[a-z_][a-z0-9_]*")) {
                      throw new IllegalArgumentException(
                          "--table must be a table name, was '" + parsed.getTable() + "'");
                    }
                    return parsed;
                  });
          show(o, out);
          return 0;
        });
  }

  static void show(Options o, PrintStream out) throws SQLException {
    String table = "\"" + o.getDbSchema() + "\".\"" + o.getTable() + "\"";
    try (Connection c = JdbcConnection.from(o).connect();
        Statement s = c.createStatement()) {
      long count;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
        rs.next();
        count = rs.getLong(1);
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2, 3")) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnName(i));
        }
        out.println(o.getDbSchema() + "." + o.getTable() + " — " + count + " rows");
        out.println(String.join(" | ", columns));
        int printed = 0;
        while (rs.next() && printed < o.getLimit()) {
          List<String> values = new ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            values.add(String.valueOf(rs.getObject(i)));
          }
          out.println(String.join(" | ", values));
          printed++;
        }
        if (count > printed) {
          out.println("... " + (count - printed) + " more (--limit)");
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new BadOptionException(
          "--table: cannot read " + table + " at " + o.getJdbcUrl() + ": " + e.getMessage(), e);
    }
  }
}
