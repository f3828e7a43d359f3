package io.onceflow.pipelines.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in the Prometheus text exposition format, parsed strictly: every line is a {@code #
 * HELP}, a {@code # TYPE} or a sample of a family whose type came before it; anything else fails.
 */
final class PrometheusText {

  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)( -?\\d+)?");
  private static final Pattern TYPE =
      Pattern.compile(
          "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped|info|stateset"
              + "|gaugehistogram|unknown)");

  private final Map<String, Double> samples = new HashMap<>();
  private final Map<String, String> types = new HashMap<>();

  private PrometheusText() {}

  static PrometheusText parse(String text) {
    PrometheusText parsed = new PrometheusText();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("# HELP ")) {
        continue;
      }
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        parsed.types.put(type.group(1), type.group(2));
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a line of the exposition format: '" + line + "'");
      }
      String name = sample.group(1);
      String family = name.endsWith("_total") ? name.substring(0, name.length() - 6) : name;
      if (!parsed.types.containsKey(family) && !parsed.types.containsKey(name)) {
        throw new AssertionError("a sample before its # TYPE line: '" + line + "'");
      }
      String key = sample.group(2) == null ? name : name + sample.group(2);
      if (parsed.samples.put(key, Double.parseDouble(sample.group(3))) != null) {
        throw new AssertionError("the sample " + key + " twice");
      }
    }
    return parsed;
  }

  /** The value of the sample {@code name} (no labels); fails if there is none. */
  double value(String name) {
    Double v = samples.get(name);
    if (v == null) {
      throw new AssertionError(
          "no sample " + name + " in the scrape; there are " + samples.keySet());
    }
    return v;
  }

  /** A counter's value, its family declared a counter; fails if it is not there. */
  long counter(String family) {
    // The text format 0.0.4 declares a counter by its sample's name, OpenMetrics by its family's.
    String type = types.getOrDefault(family + "_total", types.get(family));
    if (!"counter".equals(type)) {
      throw new AssertionError(family + " is not declared a counter: " + type);
    }
    double v = value(family + "_total");
    if (v != Math.rint(v)) {
      throw new AssertionError(family + " is not a whole number: " + v);
    }
    return (long) v;
  }
}
