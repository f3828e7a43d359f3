package io.onceflow.pipelines;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A demo's working directory (broker data, ground truth, warehouse), emptied at its start. */
public final class WorkDir {

  private WorkDir() {}

  /** Deletes {@code dir}'s contents and recreates it. */
  public static Path empty(Path dir) throws IOException {
    if (Files.exists(dir)) {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    }
    return Files.createDirectories(dir);
  }
}
