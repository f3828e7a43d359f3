package io.onceflow.pipelines.dashboard;

import java.util.ArrayList;
import java.util.List;

/** The samples of Prometheus's plain text exposition format, as name (with labels) and value. */
final class PrometheusText {

  private PrometheusText() {}

  static List<List<String>> samples(String text) {
    List<List<String>> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      // The value follows the last space outside the labels; a timestamp may follow it.
      int labelsEnd = l.lastIndexOf('}');
      int space = l.indexOf(' ', labelsEnd < 0 ? 0 : labelsEnd);
      if (space < 0) {
        continue;
      }
      String[] rest = l.substring(space + 1).strip().split(" ");
      samples.add(List.of(l.substring(0, space), rest[0]));
    }
    return samples;
  }
}
