package io.onceflow.local;

import java.lang.management.ManagementFactory;
import java.util.List;

/** The {@code --add-opens} flags this JVM was started with. */
public final class ModuleOpens {

  private ModuleOpens() {}

  /**
   * Spark and Flink on Java 17 need, in the JVMs forked for them, the same flags this JVM was
   * given.
   */
  public static List<String> inherited() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens"))
        .toList();
  }
}
