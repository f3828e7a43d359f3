package io.onceflow.transforms.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Files that appear whole, as {@link ReadRecords}' watched files must: written aside under a hidden
 * name, then renamed into place.
 */
public final class WholeFiles {

  private WholeFiles() {}

  /** Writes {@code lines} (UTF-8) to {@code file}, which appears complete or not at all. */
  public static void write(Path file, List<String> lines) throws IOException {
    Path aside = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(aside, lines, StandardCharsets.UTF_8);
    Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
