package io.onceflow.it.support;

import io.onceflow.pipelines.TableRows;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * A pipeline's {@code main} in a JVM of its own, so that a test can kill it the way a machine
 * dies ({@code kill -9}: no shutdown hook, no flush, no cancel) and start it again. Its output
 * goes to a log file, whose tail a failure shows.
 */
public final class PipelineProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private PipelineProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} with this test JVM's classpath and the given arguments. */
  public static PipelineProcess start(String mainClass, Path log, List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new PipelineProcess(p, log);
  }

  /** SIGKILL, and waits until the JVM is gone. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Until {@code table} has rows for which {@code condition} holds (checked after each look);
   * between looks it waits on the process, so one that dies ends the wait at once, with its log.
   */
  public void awaitTable(IcebergCatalogConfig catalog, String namespace, String table, String what, Predicate<List<Record>> condition, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      List<Record> rows = rows(catalog, namespace, table);
      if (rows != null && condition.test(rows)) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + table + " to have " + what + "\n" + tail());
      }
      if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the pipeline exited (" + process.exitValue() + ") before " + table + " had " + what + "\n" + tail());
      }
    }
  }

  /** The table's rows, or null if it does not exist yet. */
  public static List<Record> rows(IcebergCatalogConfig catalog, String namespace, String table) {
    Table t;
    try {
      t = catalog.build().loadTable(TableIdentifier.of(namespace, table));
    } catch (NoSuchTableException notYet) {
      return null;
    }
    List<Record> rows = new ArrayList<>();
    TableRows.forEach(t, rows::add);
    return rows;
  }

  public String tail() throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return "--- last lines of " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
  }
}
