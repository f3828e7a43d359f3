package io.onceflow.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A system under test in a JVM of its own, measured from outside through {@code /proc}: its peak
 * resident memory ({@code VmHWM}, a high-water mark, so the last reading is the peak) and the CPU
 * time of all its threads ({@code utime + stime}).
 */
final class MeasuredProcess implements AutoCloseable {

  private static final double CLOCK_TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final Process process;
  private final Path log;
  final long startedAtMillis;
  private long peakRssKb;
  private long cpuTicks;

  private MeasuredProcess(Process process, Path log, long startedAtMillis) {
    this.process = process;
    this.log = log;
    this.startedAtMillis = startedAtMillis;
  }

  static MeasuredProcess start(
      List<String> jvmOptions, String mainClass, List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return start(command, log);
  }

  static MeasuredProcess start(List<String> command, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    long started = System.currentTimeMillis();
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new MeasuredProcess(p, log, started);
  }

  /** Reads the process's counters; call it last just before the process ends or is killed. */
  void sample() {
    if (!process.isAlive()) {
      return;
    }
    try {
      for (String line :
          Files.readAllLines(Paths.get("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          peakRssKb = Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
      String stat = Files.readString(Paths.get("/proc", Long.toString(process.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      cpuTicks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException gone) {
      // The process ended between isAlive and the read: the previous sample stands.
    }
  }

  /** Waits for the process to exit by itself, sampling it; false on timeout. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      sample();
      if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  double peakRssMb() {
    return peakRssKb / 1024.0;
  }

  double cpuSeconds() {
    return cpuTicks / CLOCK_TICKS_PER_SECOND;
  }

  /**
   * Why the process failed, short enough for a table cell: the log's first fatal or exception line
   * (a JVM crash's "Problematic frame" line when there is one), else its last line. The full log
   * stays in the run's directory.
   */
  String failure() {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("# Problematic frame:") && i + 1 < lines.size()) {
          // The crash report shares the log with the JVM's own logging, which may run on into the
          // same line.
          String frame =
              lines
                  .get(i + 1)
                  .replaceFirst("^#\\s*", "")
                  .split("\\d{2}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}")[0];
          return "JVM crashed in " + frame.trim();
        }
      }
      String line =
          lines.stream()
              .filter(l -> l.contains("Exception") || l.contains("Error:"))
              .findFirst()
              .orElse(lines.isEmpty() ? "(empty log)" : lines.get(lines.size() - 1));
      return line.length() > 200 ? line.substring(0, 200) + " ..." : line;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /**
   * SIGTERM, so that shutdown hooks run (a flight recording is written then); SIGKILL if it
   * lingers.
   */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      sample();
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }
}
