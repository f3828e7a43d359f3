package io.onceflow.pipelines.cli;

import io.onceflow.pipelines.BadOptionException;
import io.onceflow.pipelines.OnceflowPipeline;
import io.onceflow.pipelines.PipelineCommand;
import io.onceflow.pipelines.PipelineRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The onceflow command line: {@code onceflow run|demo|generate|verify|show|drop <pipeline>
 * [--option=value ...]}, {@code onceflow pipelines}, {@code onceflow help}, {@code onceflow
 * completion}. The main class of the launcher and of the job jars, so that any pipeline is
 * submitted to a cluster as {@code flink run <jar> run <pipeline> ...} or {@code spark-submit ...
 * <jar> run <pipeline> ...}.
 *
 * <p>The commands and pipelines are picocli's; a pipeline's options are Beam's {@code --name=value}
 * options, parsed by Beam into the command's options interface, whose {@code @Description}s are
 * also its help ({@code onceflow run transactions --help}). An unknown command, pipeline or option
 * fails with one paragraph naming it and the valid choices, exit 2.
 */
@Command(
    name = "onceflow",
    mixinStandardHelpOptions = true,
    versionProvider = Onceflow.Version.class,
    description =
        "Exactly-once, late-data-correct streaming pipelines on Apache Beam: Direct, Flink or"
            + " Spark (--profile=direct|flink|spark).",
    subcommands = {
      Onceflow.Run.class,
      Onceflow.Demo.class,
      Onceflow.Generate.class,
      Onceflow.Verify.class,
      Onceflow.Show.class,
      Onceflow.Drop.class,
      Onceflow.Dashboard.class,
      Onceflow.Pipelines.class,
      CommandLine.HelpCommand.class,
      Onceflow.Completion.class
    })
public final class Onceflow implements Runnable {

  /** Exit code of a command that ran and found the result wrong (a failed run or check). */
  public static final int FAILED = 1;

  /** Exit code of a bad command line: unknown command, pipeline or option. */
  public static final int USAGE = 2;

  @Spec CommandSpec spec;

  /** Where the commands print (the same streams picocli's help and errors go to). */
  private final PrintStream out;

  private Onceflow(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the command line and exits with its code; except after a successful {@code run}, which
   * returns: Flink's and Spark's clients call a job jar's main in their own JVM and carry on.
   */
  public static void main(String[] args) {
    int code = execute(args, System.out, System.err);
    // An available-now run has stopped its pipeline (DirectRunner only): nothing is to carry on,
    // and the stopped runner's and Kafka client's threads would keep the JVM alive.
    boolean stopped = java.util.Arrays.asList(args).contains("--trigger=available-now");
    if (code != 0 || args.length == 0 || !args[0].equals("run") || stopped) {
      System.exit(code);
    }
  }

  /** Runs the command line; the exit code. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = commandLine(out, err);
    return cli.execute(args);
  }

  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Onceflow(out));
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setUnmatchedOptionsArePositionalParams(true);
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine at = e.getCommandLine();
          err.println("onceflow: " + e.getMessage());
          err.println(
              "The commands are: "
                  + String.join(", ", at.getCommandSpec().root().subcommands().keySet())
                  + ". See 'onceflow help'.");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          if (e instanceof BadOptionException) {
            String command =
                commandLine.getCommand() instanceof OnPipeline p && p.pipeline != null
                    ? commandLine.getCommandName() + " " + p.pipeline.name()
                    : commandLine.getCommandName();
            err.println("onceflow " + command + ": " + e.getMessage());
            err.println("See 'onceflow " + command + " --help'.");
            return USAGE;
          }
          // A run that broke is not a usage error: the whole cause, for whoever has to fix it.
          err.println("onceflow " + commandLine.getCommandName() + " failed: " + e);
          e.printStackTrace(err);
          return FAILED;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The commands that act on one pipeline, with that pipeline's Beam options after its name. */
  abstract static class OnPipeline implements Callable<Integer> {

    @Spec CommandSpec spec;

    @ParentCommand Onceflow root;

    @Parameters(
        paramLabel = "<pipeline> [--option=value...]",
        description =
            "The pipeline (onceflow pipelines lists them), then its options; --help lists them.",
        completionCandidates = PipelineNames.class)
    List<String> args = new ArrayList<>();

    /** Beam's message for an option its options interfaces do not have. */
    private static final java.util.regex.Pattern UNKNOWN_OPTION =
        java.util.regex.Pattern.compile("missing a property named '([^']*)'\\.?(.*)");

    /** The pipeline named on the command line, once it is known. */
    OnceflowPipeline pipeline;

    /** The command of the pipeline this subcommand runs. */
    abstract PipelineCommand command(OnceflowPipeline pipeline);

    /** Whether the pipeline may be left out (the flagship then). */
    boolean pipelineOptional() {
      return false;
    }

    @Override
    public Integer call() throws Exception {
      List<String> options = new ArrayList<>(args);
      pipeline = pipeline(options);
      LogLevel.apply(options);
      PipelineCommand command = command(pipeline);
      PrintStream out = root.out;
      if (options.contains("--help") || options.contains("-h")) {
        spec.commandLine().usage(out);
        out.println();
        out.println(
            "Options of 'onceflow " + spec.name() + " " + pipeline.name() + "' (--name=value):");
        PipelineOptionsFactory.printHelp(out, command.options());
        out.println(LogLevel.HELP);
        return 0;
      }
      try {
        return command.execute(options.toArray(new String[0]), out);
      } catch (BadOptionException e) {
        java.util.regex.Matcher unknown = UNKNOWN_OPTION.matcher(String.valueOf(e.getMessage()));
        if (unknown.find()) {
          // Beam names the unknown option in terms of its options interface; say it as the user
          // typed it, with the ones this command has.
          throw new BadOptionException(
              "unknown option --"
                  + unknown.group(1)
                  + "."
                  + unknown.group(2)
                  + " The options of this command are: "
                  + String.join(", ", OptionNames.of(command.options()))
                  + ", and Beam's and the runner's (--help lists every one).",
              e);
        }
        throw e;
      }
    }

    private OnceflowPipeline pipeline(List<String> options) {
      Iterator<String> it = options.iterator();
      if (it.hasNext()) {
        String first = it.next();
        if (!first.startsWith("-")) {
          it.remove();
          return PipelineRegistry.named(first);
        }
      }
      if (pipelineOptional()) {
        return PipelineRegistry.flagship();
      }
      throw new BadOptionException(
          "which pipeline? Name one first, e.g. 'onceflow "
              + spec.name()
              + " "
              + PipelineRegistry.flagship().name()
              + "'; the pipelines are: "
              + String.join(", ", PipelineRegistry.names()),
          null);
    }
  }

  @Command(name = "run", description = "Runs a pipeline over files or a Kafka topic.")
  static final class Run extends OnPipeline {
    @Override
    PipelineCommand command(OnceflowPipeline pipeline) {
      return pipeline.run();
    }
  }

  @Command(
      name = "demo",
      description =
          "The whole story on this machine: a local Kafka broker, generated input, a streaming"
              + " run, a verification (the flagship when no pipeline is named).")
  static final class Demo extends OnPipeline {
    @Override
    PipelineCommand command(OnceflowPipeline pipeline) {
      try {
        Class.forName("io.onceflow.local.LocalKafkaBroker", false, Onceflow.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new BadOptionException(
            "the demo starts a local Kafka broker, whose classes are not in this jar (a job jar"
                + " carries no test infrastructure); run it with ./onceflow demo",
            e);
      }
      return pipeline.demo();
    }

    @Override
    boolean pipelineOptional() {
      return true;
    }
  }

  @Command(name = "generate", description = "Seeded synthetic input and its ground truth.")
  static final class Generate extends OnPipeline {
    @Override
    PipelineCommand command(OnceflowPipeline pipeline) {
      return pipeline.generate();
    }
  }

  @Command(
      name = "verify",
      description =
          "Compares a pipeline's tables with a ground truth; prints every difference, exit 1 if"
              + " there is one.")
  static final class Verify extends OnPipeline {
    @Override
    PipelineCommand command(OnceflowPipeline pipeline) {
      return pipeline.verify();
    }
  }

  @Command(
      name = "show",
      description = "A table's rows as a reader sees them, its snapshots and their commit ids.")
  static final class Show extends OnPipeline {
    @Override
    PipelineCommand command(OnceflowPipeline pipeline) {
      return pipeline.show();
    }
  }

  @Command(
      name = "drop",
      description =
          "Drops a pipeline's tables and their data files; lists them and drops nothing without"
              + " --yes.")
  static final class Drop extends OnPipeline {
    @Override
    PipelineCommand command(OnceflowPipeline pipeline) {
      return pipeline.drop();
    }
  }

  @Command(
      name = "dashboard",
      description =
          "A web page of every pipeline's tables, commits and dead letters, refreshed every few"
              + " seconds; serves until stopped.")
  static final class Dashboard implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ParentCommand Onceflow root;

    @Parameters(
        paramLabel = "[--option=value...]",
        description = "The catalog options, --jdbcUrl, --port, --address; --help lists them.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      List<String> options = new ArrayList<>(args);
      LogLevel.apply(options);
      if (options.contains("--help") || options.contains("-h")) {
        spec.commandLine().usage(root.out);
        root.out.println();
        root.out.println("Options of 'onceflow dashboard' (--name=value):");
        PipelineOptionsFactory.printHelp(
            root.out, io.onceflow.pipelines.dashboard.DashboardOptions.class);
        return 0;
      }
      return io.onceflow.pipelines.dashboard.Dashboard.run(
          options.toArray(new String[0]), root.out);
    }
  }

  @Command(name = "pipelines", description = "Lists the pipelines and their tables.")
  static final class Pipelines implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      for (OnceflowPipeline p : PipelineRegistry.all()) {
        spec.commandLine()
            .getOut()
            .printf(
                "%-14s %s%n%-14s tables: %s%n",
                p.name(), p.description(), "", String.join(", ", p.tables()));
      }
      return 0;
    }
  }

  @Command(
      name = "completion",
      description =
          "Prints a bash completion script: source <(./onceflow completion) in a shell, or save"
              + " it in /etc/bash_completion.d/onceflow.")
  static final class Completion implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      CommandLine root = spec.commandLine().getParent();
      spec.commandLine().getOut().print(AutoComplete.bash("onceflow", root));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** The registry's pipeline names, for completion and help. */
  static final class PipelineNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return PipelineRegistry.names().iterator();
    }
  }

  /** The version of the jar, from its manifest, or "development" from a build's classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Onceflow.class.getPackage().getImplementationVersion();
      return new String[] {"onceflow " + (v == null ? "(development build)" : v)};
    }
  }
}
