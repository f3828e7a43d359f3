package io.onceflow.pipelines;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files a generator's ground truth is kept in beside its records, and the comparison a verifier
 * makes with them: expected rows as {@code key<TAB>row} lines (one file per table, in key order),
 * counts as a properties file, and every key whose row differs printed on a line of its own. Rows
 * are text that the ground truth and the verifier both build the same way, so a difference reads as
 * the two rows side by side.
 */
public final class GroundTruthFiles {

  private GroundTruthFiles() {}

  /** Writes {@code rows} as {@code key<TAB>row} lines, in the map's order. */
  public static void writeRows(Path file, Map<String, String> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    rows.forEach((k, v) -> lines.add(k + "\t" + v));
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** The rows {@link #writeRows} wrote, in key order. */
  public static Map<String, String> readRows(Path file) throws IOException {
    Map<String, String> map = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new IOException(file + ": a line without a tab: " + line);
        }
        map.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return map;
  }

  /** Writes named counts as properties, with {@code comment} (what they add up to) on top. */
  public static void writeCounts(Path file, Map<String, Long> counts, String comment)
      throws IOException {
    Properties p = new Properties();
    counts.forEach((k, v) -> p.setProperty(k, Long.toString(v)));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, comment);
    }
  }

  /** The counts {@link #writeCounts} wrote, in name order. */
  public static Map<String, Long> readCounts(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, Long> counts = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      try {
        counts.put(name, Long.parseLong(p.getProperty(name)));
      } catch (NumberFormatException e) {
        throw new IOException(file + ": " + name + " is not a count: " + p.getProperty(name), e);
      }
    }
    return new LinkedHashMap<>(counts);
  }

  /** The count {@code name} of {@code counts}; fails naming the file when there is none. */
  public static long count(Map<String, Long> counts, String name, Path file) {
    Long v = counts.get(name);
    if (v == null) {
      throw new IllegalArgumentException(file + " has no " + name);
    }
    return v;
  }

  /**
   * Prints every key of either map whose row differs, is missing from the table or is not expected,
   * one line each, and returns how many there were.
   */
  public static int printDifferences(
      PrintStream out, String table, Map<String, String> expected, Map<String, String> actual) {
    int differences = 0;
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      String e = expected.get(key);
      String a = actual.get(key);
      if (e == null || !e.equals(a)) {
        out.printf(
            "  %s %s: expected %s, table %s%n",
            table, key, e == null ? "(none)" : e, a == null ? "(none)" : a);
        differences++;
      }
    }
    return differences;
  }
}
