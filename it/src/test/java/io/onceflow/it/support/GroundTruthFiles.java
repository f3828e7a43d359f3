package io.onceflow.it.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What {@code onceflow generate} wrote as the ground truth of a data set, read the way a user would
 * read it: the counts in {@code ground-truth.properties}, one total per line of {@code
 * ground-truth.csv}.
 */
public final class GroundTruthFiles {

  private final Path dir;

  public GroundTruthFiles(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** A count: records, transactions, duplicates, invalid, too_late. */
  public long count(String name) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve("ground-truth.properties"))) {
      p.load(r);
    }
    String value = p.getProperty(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "no count '" + name + "' in " + dir.resolve("ground-truth.properties"));
    }
    return Long.parseLong(value);
  }

  /** Customer-hours with a total: the final rows the totals table must end with. */
  public long customerHours() throws IOException {
    return Files.readAllLines(dir.resolve("ground-truth.csv")).size() - 1L;
  }
}
