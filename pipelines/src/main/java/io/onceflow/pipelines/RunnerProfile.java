package io.onceflow.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Selects a runner for any pipeline with one flag, {@code --profile=NAME}: the profile's options
 * ({@code runner-profiles/NAME.properties}, shipped in the jar) are merged under the command line,
 * so a flag given explicitly always wins. {@code --profile=some/file.properties} loads a file
 * instead. Without the flag the {@value #DEFAULT_PROFILE} profile applies.
 */
public final class RunnerProfile {

  public static final String FLAG = "--profile=";
  public static final String DEFAULT_PROFILE = "direct";
  static final String RESOURCE_DIR = "runner-profiles/";
  private static final List<String> BUILT_IN = List.of("direct", "flink", "spark");

  private final String name;
  private final Map<String, String> options;

  private RunnerProfile(String name, Map<String, String> options) {
    this.name = name;
    this.options = options;
  }

  /** Loads a built-in profile by name, or a properties file by path. */
  public static RunnerProfile load(String nameOrPath) {
    if (nameOrPath.endsWith(".properties")) {
      Path file = Paths.get(nameOrPath);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--profile: no such file " + file.toAbsolutePath());
      }
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        return new RunnerProfile(nameOrPath, parse(reader));
      } catch (IOException e) {
        throw new UncheckedIOException("--profile: cannot read " + file, e);
      }
    }
    String resource = RESOURCE_DIR + nameOrPath + ".properties";
    try (InputStream in = RunnerProfile.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "--profile="
                + nameOrPath
                + " is not a runner profile; choose one of "
                + BUILT_IN
                + " or give a path to a .properties file");
      }
      return new RunnerProfile(
          nameOrPath, parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("--profile: cannot read " + resource, e);
    }
  }

  /**
   * Returns {@code args} with {@code --profile} replaced by the profile's options; options the
   * arguments already set are left as the arguments have them. Fails with a message naming the
   * profile if its runner is not on the classpath.
   */
  public static String[] apply(String[] args) {
    String profileName = DEFAULT_PROFILE;
    List<String> rest = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith(FLAG)) {
        profileName = arg.substring(FLAG.length());
      } else {
        rest.add(arg);
      }
    }
    RunnerProfile profile = load(profileName);
    profile.checkRunnerPresent();
    return profile.mergeUnder(rest).toArray(new String[0]);
  }

  public String name() {
    return name;
  }

  /** The profile's options, sorted by name. */
  public Map<String, String> options() {
    return options;
  }

  /**
   * The profile's options as {@code --key=value} flags, followed by {@code args}, which override
   * them.
   */
  public List<String> mergeUnder(List<String> args) {
    TreeSet<String> given = new TreeSet<>();
    for (String arg : args) {
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        given.add(eq < 0 ? arg.substring(2) : arg.substring(2, eq));
      }
    }
    List<String> merged = new ArrayList<>();
    options.forEach(
        (key, value) -> {
          if (!given.contains(key)) {
            merged.add("--" + key + "=" + value);
          }
        });
    merged.addAll(args);
    return merged;
  }

  private void checkRunnerPresent() {
    String runner = options.get("runner");
    if (runner == null || !runner.contains(".")) {
      return;
    }
    try {
      Class.forName(runner, false, RunnerProfile.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "--profile="
              + name
              + " runs on "
              + runner
              + ", which is not on the classpath; build or run with -P"
              + name,
          e);
    }
  }

  private static Map<String, String> parse(Reader reader) throws IOException {
    Properties properties = new Properties();
    properties.load(reader);
    Map<String, String> options = new LinkedHashMap<>();
    properties.stringPropertyNames().stream()
        .sorted()
        .forEach(key -> options.put(key, properties.getProperty(key).trim()));
    return options;
  }
}
