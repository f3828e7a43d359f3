package io.onceflow.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on a classpath of its own, its output in a log file, tied to this JVM's life through
 * {@link ParentWatchdogMain} and a shutdown hook.
 */
final class ForkedJvm {

  private final Process process;
  private final Path log;
  private final Thread shutdownHook;

  private ForkedJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.shutdownHook = new Thread(process::destroyForcibly, "stop-" + log.getFileName());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts {@code mainClass} with {@code args}; the JVM's output is appended to {@code log}. */
  static ForkedJvm start(
      List<String> classpath,
      List<String> jvmOptions,
      String mainClass,
      List<String> args,
      Path log) {
    return start(classpath, jvmOptions, Map.of(), mainClass, args, log);
  }

  /**
   * As {@link #start(List, List, String, List, Path)}, with {@code environment} added to this
   * JVM's.
   */
  static ForkedJvm start(
      List<String> classpath,
      List<String> jvmOptions,
      Map<String, String> environment,
      String mainClass,
      List<String> args,
      Path log) {
    List<String> entries = new ArrayList<>(classpath);
    entries.add(ownLocation());
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, entries));
    command.add(ParentWatchdogMain.class.getName());
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      Process process =
          builder
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new ForkedJvm(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a JVM for " + mainClass, e);
    }
  }

  /** Runs a JVM to completion and fails with its output if it does not exit with 0. */
  static void runToCompletion(
      List<String> classpath, String mainClass, List<String> args, Path log, Duration timeout) {
    runToCompletion(classpath, List.of("-Xmx256m"), mainClass, args, log, timeout);
  }

  static void runToCompletion(
      List<String> classpath,
      List<String> jvmOptions,
      String mainClass,
      List<String> args,
      Path log,
      Duration timeout) {
    ForkedJvm jvm = start(classpath, jvmOptions, mainClass, args, log);
    try {
      if (!jvm.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        jvm.kill();
        throw new IllegalStateException(
            mainClass + " did not finish within " + timeout + "; its output:\n" + jvm.tail());
      }
      if (jvm.process.exitValue() != 0) {
        throw new IllegalStateException(
            mainClass + " exited with " + jvm.process.exitValue() + "; its output:\n" + jvm.tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jvm.kill();
      throw new IllegalStateException("interrupted while waiting for " + mainClass, e);
    } finally {
      jvm.unregister();
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Asks the JVM to stop (SIGTERM), then kills it if it has not stopped within {@code grace}. */
  void stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    } finally {
      unregister();
    }
  }

  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the JVM's output, for error messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private void unregister() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to; it destroys an already finished process, which is
      // harmless.
    }
  }

  private static String ownLocation() {
    try {
      return Paths.get(ForkedJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the local-infra classes", e);
    }
  }
}
