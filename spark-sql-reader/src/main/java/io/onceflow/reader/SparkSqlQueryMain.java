package io.onceflow.reader;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one Spark SQL query against an Iceberg catalog named {@code lake} and writes its rows to a
 * file, one line per row, columns separated by tabs, values as Spark prints them.
 *
 * <p>Arguments: the output file, the query, then the catalog's properties as {@code key=value}
 * ({@code type=hadoop warehouse=...} or {@code type=jdbc uri=jdbc:... warehouse=...}).
 */
public final class SparkSqlQueryMain {

  private SparkSqlQueryMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: SparkSqlQueryMain <output file> <query> <catalog key=value>...");
    }
    SparkSession.Builder builder =
        SparkSession.builder()
            .master("local[1]")
            .appName("onceflow-spark-sql-reader")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog");
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("catalog property must be key=value, was: " + args[i]);
      }
      builder.config(
          "spark.sql.catalog.lake." + args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    SparkSession spark = builder.getOrCreate();
    try (Writer out = Files.newBufferedWriter(Paths.get(args[0]), StandardCharsets.UTF_8)) {
      for (Row row : spark.sql(args[1]).collectAsList()) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length(); c++) {
          line.append(c == 0 ? "" : "\t")
              .append(row.isNullAt(c) ? "NULL" : String.valueOf(row.get(c)));
        }
        out.write(line.append('\n').toString());
      }
    } finally {
      spark.stop();
    }
  }
}
