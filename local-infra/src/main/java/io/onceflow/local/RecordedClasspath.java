package io.onceflow.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath of a tool that runs in a JVM of its own (its jars clash with ours), as a module
 * recorded it at build time in a resource, or as a system property overrides it.
 */
final class RecordedClasspath {

  private RecordedClasspath() {}

  static List<String> load(String tool, String resource, String property, String module) {
    String text = System.getProperty(property);
    String origin = "system property " + property;
    if (text == null) {
      origin = "resource " + resource;
      try (InputStream in =
          RecordedClasspath.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "no "
                  + tool
                  + " classpath: "
                  + resource
                  + " is not on the classpath (add the "
                  + module
                  + " module) and "
                  + property
                  + " is not set");
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    List<String> entries =
        Arrays.stream(text.split(java.io.File.pathSeparator))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    List<String> missing = entries.stream().filter(e -> !Files.exists(Paths.get(e))).toList();
    if (entries.isEmpty() || !missing.isEmpty()) {
      throw new IllegalStateException(
          "the "
              + tool
              + " classpath from "
              + origin
              + " names jars that are not on this machine "
              + missing
              + "; rebuild with ./mvnw install so Maven resolves them");
    }
    return entries;
  }

  /**
   * The jar (or classes directory) holding {@code mainClass}, a main of ours that runs on a
   * recorded classpath; the class is only located, never initialized, since its dependencies are
   * not on this classpath.
   */
  static String locationOf(String mainClass, String module) {
    try {
      Class<?> main = Class.forName(mainClass, false, RecordedClasspath.class.getClassLoader());
      return Paths.get(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (ClassNotFoundException | java.net.URISyntaxException e) {
      throw new IllegalStateException(
          "the " + module + " module is not on the classpath (" + mainClass + " is missing)", e);
    }
  }
}
