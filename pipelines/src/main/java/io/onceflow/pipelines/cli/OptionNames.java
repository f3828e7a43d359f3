package io.onceflow.pipelines.cli;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The {@code --name} options that onceflow's own options interfaces declare for a command (its own
 * and the core's small interfaces it is composed of), for an error that names the valid choices;
 * Beam's and the runners' options are left to {@code --help}.
 */
final class OptionNames {

  private OptionNames() {}

  static Set<String> of(Class<? extends PipelineOptions> options) {
    Set<String> names = new TreeSet<>();
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.add(options);
    while (!todo.isEmpty()) {
      Class<?> type = todo.pop();
      if (!seen.add(type) || !type.getName().startsWith("io.onceflow.")) {
        continue;
      }
      for (Method m : type.getDeclaredMethods()) {
        String name = m.getName();
        if (m.getParameterCount() == 0 && !m.isDefault() && name.startsWith("get")) {
          names.add("--" + Character.toLowerCase(name.charAt(3)) + name.substring(4));
        }
      }
      todo.addAll(java.util.List.of(type.getInterfaces()));
    }
    return names;
  }
}
