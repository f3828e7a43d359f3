package io.onceflow.it.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What {@code onceflow generate} wrote as the ground truth of a data set, read the way a user would
 * read it: the counts in a properties file, one expected row per line of a CSV file with a header.
 * The flagship's are {@code ground-truth.properties} and {@code ground-truth.csv}; another
 * pipeline's generator names its own.
 */
public final class GroundTruthFiles {

  private final Path dir;
  private final String countsFile;
  private final String rowsFile;

  /** The flagship's (transactions) ground truth in {@code dir}. */
  public GroundTruthFiles(Path dir) {
    this(dir, "ground-truth.properties", "ground-truth.csv");
  }

  public GroundTruthFiles(Path dir, String countsFile, String rowsFile) {
    this.dir = dir;
    this.countsFile = countsFile;
    this.rowsFile = rowsFile;
  }

  public Path dir() {
    return dir;
  }

  /** A count: records, transactions, duplicates, invalid, too_late, ... */
  public long count(String name) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(countsFile))) {
      p.load(r);
    }
    String value = p.getProperty(name);
    if (value == null) {
      throw new IllegalArgumentException("no count '" + name + "' in " + dir.resolve(countsFile));
    }
    return Long.parseLong(value);
  }

  /** The expected rows: the final rows the main table must end with. */
  public long rows() throws IOException {
    return Files.readAllLines(dir.resolve(rowsFile)).size() - 1L;
  }

  /** The flagship's customer-hours with a total: its totals table's final rows. */
  public long customerHours() throws IOException {
    return rows();
  }
}
