package io.onceflow.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline's {@code main} in a JVM of its own, so that a test can kill it the way a machine dies
 * ({@code kill -9}: no shutdown hook, no flush, no cancel) and start it again. Its output goes to a
 * log file, whose tail a failure shows.
 */
public final class PipelineProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private PipelineProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} with this test JVM's classpath and the given arguments. */
  public static PipelineProcess start(
      String mainClass, Path log, List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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

  /** Why the process is no longer running (its exit code and log), or empty while it runs. */
  public Optional<String> stopped() {
    if (process.isAlive()) {
      return Optional.empty();
    }
    try {
      return Optional.of("exit code " + process.exitValue() + "\n" + tail());
    } catch (IOException e) {
      return Optional.of("exit code " + process.exitValue() + " (log unreadable: " + e + ")");
    }
  }

  public String tail() throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return "--- last lines of "
        + log
        + " ---\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
  }
}
