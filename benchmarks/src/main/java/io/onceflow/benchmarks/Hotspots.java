package io.onceflow.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hotspots of a Java Flight Recorder recording: CPU samples ({@code jdk.ExecutionSample}) by
 * the method on top of the stack (where the time is spent), and by the first onceflow method on the
 * stack (which of our code causes it).
 */
final class Hotspots {

  private Hotspots() {}

  static List<String> report(Path recording, int top) throws IOException {
    Map<String, Integer> selfTime = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      selfTime.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
      for (RecordedFrame f : stack.getFrames()) {
        if (f.getMethod().getType().getName().startsWith("io.onceflow.")) {
          ours.merge(name(f), 1, Integer::sum);
          break;
        }
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(samples + " CPU samples.");
    lines.add("");
    lines.add("| top of stack (self time) | samples | share |");
    lines.add("|---|---:|---:|");
    rank(selfTime, top, samples, lines);
    lines.add("");
    lines.add("| first onceflow frame on the stack | samples | share |");
    lines.add("|---|---:|---:|");
    rank(ours, top, samples, lines);
    return lines;
  }

  private static void rank(Map<String, Integer> counts, int top, int samples, List<String> lines) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            en ->
                lines.add(
                    String.format(
                        "| `%s` | %d | %.1f%% |",
                        en.getKey(), en.getValue(), 100.0 * en.getValue() / Math.max(1, samples))));
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }
}
