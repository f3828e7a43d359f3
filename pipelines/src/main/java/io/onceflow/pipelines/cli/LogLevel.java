package io.onceflow.pipelines.cli;

import io.onceflow.pipelines.BadOptionException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The command line's logging options, taken out of a command's arguments before Beam parses them
 * (logging is the command line's, not a pipeline's parameter): {@code --verbose} shows every
 * logger's INFO lines, {@code --logLevel=LEVEL} sets every logger's level. Without them the runners
 * and libraries log at WARN and onceflow at INFO (the packaged log4j2.xml); onceflow's progress,
 * summary and verification are printed, not logged, so they show at any level.
 */
final class LogLevel {

  static final String HELP =
      "Logging: --verbose (every logger's INFO lines), --logLevel=OFF|ERROR|WARN|INFO|DEBUG|TRACE"
          + " (every logger's level). Default: runners and libraries WARN, onceflow INFO, on"
          + " standard error.";

  private static final List<String> LEVELS =
      List.of("OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL");

  private LogLevel() {}

  /** Removes the logging options from {@code args} and applies them; the last one given wins. */
  static void apply(List<String> args) {
    Level level = null;
    for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
      String arg = it.next();
      if (arg.equals("--verbose")) {
        level = Level.INFO;
        it.remove();
      } else if (arg.startsWith("--logLevel=")) {
        level = parse(arg.substring("--logLevel=".length()));
        it.remove();
      }
    }
    if (level != null) {
      Configurator.setAllLevels(org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, level);
    }
  }

  private static Level parse(String value) {
    String name = value.toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(name)) {
      throw new BadOptionException(
          "--logLevel must be one of " + String.join(", ", LEVELS) + ", was '" + value + "'", null);
    }
    return Level.toLevel(name);
  }
}
