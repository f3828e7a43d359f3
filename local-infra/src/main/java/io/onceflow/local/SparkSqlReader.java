package io.onceflow.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Queries Iceberg tables with Spark SQL and Iceberg's Spark runtime — a reader onceflow did not
 * write — in a JVM of its own (the runtime's Iceberg classes clash with ours). The catalog is named
 * {@code lake}: {@code SELECT ... FROM lake.onceflow.customer_hourly_totals}.
 */
public final class SparkSqlReader {

  static final String CLASSPATH_RESOURCE = "io/onceflow/reader/spark-sql-reader.classpath";
  public static final String CLASSPATH_PROPERTY = "onceflow.spark-sql-reader.classpath";
  private static final String MAIN = "io.onceflow.reader.SparkSqlQueryMain";

  private SparkSqlReader() {}

  /** The query's rows, each as the column values Spark prints, in {@code workDir}'s temp files. */
  public static List<List<String>> query(
      Map<String, String> catalogProperties, String sql, Path workDir) {
    List<String> classpath = classpath();
    List<String> jvmOptions = new ArrayList<>(List.of("-Xmx1g"));
    jvmOptions.addAll(ModuleOpens.inherited());
    try {
      Files.createDirectories(workDir);
      Path out = Files.createTempFile(workDir, "spark-sql-", ".tsv");
      List<String> args = new ArrayList<>(List.of(out.toString(), sql));
      catalogProperties.forEach((k, v) -> args.add(k + "=" + v));
      ForkedJvm.runToCompletion(
          classpath,
          jvmOptions,
          MAIN,
          args,
          workDir.resolve("spark-sql-reader.log"),
          Duration.ofMinutes(3));
      List<List<String>> rows = new ArrayList<>();
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        rows.add(List.of(line.split("\t", -1)));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Spark SQL query in " + workDir, e);
    }
  }

  /**
   * The classpath of Spark SQL with Iceberg's Spark runtime and this module's classes, for a JVM of
   * its own (the benchmarks' Structured Streaming peer runs there).
   */
  public static List<String> classpath() {
    List<String> classpath =
        new ArrayList<>(
            RecordedClasspath.load(
                "Spark SQL reader",
                CLASSPATH_RESOURCE,
                CLASSPATH_PROPERTY,
                "onceflow-spark-sql-reader"));
    classpath.add(readerLocation());
    return classpath;
  }

  private static String readerLocation() {
    try {
      Class<?> main = Class.forName(MAIN, false, SparkSqlReader.class.getClassLoader());
      return Paths.get(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException(
          "the onceflow-spark-sql-reader module is not on the classpath", e);
    }
  }
}
