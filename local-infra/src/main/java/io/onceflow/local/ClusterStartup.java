package io.onceflow.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the local clusters share at start-up: ports kept in a file (a cluster started again on its
 * directory keeps them), and the wait until a status endpoint reports a positive number (slots,
 * workers) while every JVM of the cluster is still alive.
 */
final class ClusterStartup {

  private ClusterStartup() {}

  /** The ports a previous start wrote, by name, or empty on a first start. */
  static Optional<Map<String, Integer>> readPorts(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var reader = Files.newBufferedReader(file)) {
      p.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return Optional.of(
        p.stringPropertyNames().stream()
            .collect(Collectors.toMap(k -> k, k -> Integer.parseInt(p.getProperty(k)))));
  }

  static void writePorts(Path file, Map<String, Integer> ports) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          ports.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue() + "\n")
              .collect(Collectors.joining()),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Until {@code url}'s JSON answer has {@code field} above zero. A JVM of {@code jvms} that exits,
   * or the timeout, kills them all and fails with {@code what} and the relevant output.
   */
  static void awaitPositive(
      String what, String url, String field, List<ForkedJvm> jvms, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Pattern number = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(\\d+)");
    while (true) {
      Optional<String> answer = HttpCalls.tryCall("GET", url);
      if (answer.isPresent()) {
        Matcher m = number.matcher(answer.get());
        if (m.find() && Integer.parseInt(m.group(1)) > 0) {
          return;
        }
      }
      for (ForkedJvm jvm : jvms) {
        if (!jvm.isAlive()) {
          String output = jvm.tail();
          jvms.forEach(ForkedJvm::kill);
          throw new IllegalStateException(
              what + ": a JVM exited during start-up; its output:\n" + output);
        }
      }
      if (System.nanoTime() > deadline) {
        jvms.forEach(ForkedJvm::kill);
        throw new IllegalStateException(
            what
                + ": no "
                + field
                + " at "
                + url
                + " within "
                + timeout
                + "; last JVM's output:\n"
                + jvms.get(jvms.size() - 1).tail());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting " + what, e);
      }
    }
  }
}
