package io.onceflow.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: its answers, its exit codes, its error messages. */
class OnceflowTest {

  @TempDir Path warehouse;

  /** One call of the command line: exit code, what it printed and what it complained. */
  record Call(int exit, String out, String err) {}

  static Call onceflow(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Onceflow.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Call(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void listsThePipelinesWithTheirTables() {
    Call call = onceflow("pipelines");
    assertThat(call.exit()).isZero();
    assertThat(call.out()).contains("transactions", "customer_hourly_totals", "dead_letters");
  }

  @Test
  void anUnknownPipelineIsOneParagraphNamingItAndTheChoices() {
    Call call = onceflow("run", "nosuch");
    assertThat(call.exit()).isEqualTo(2);
    assertThat(call.err())
        .contains("unknown pipeline 'nosuch'", "the pipelines are: transactions")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void anUnknownOptionIsNamedWithTheCommandsOwnOptions() {
    Call call = onceflow("run", "transactions", "--nosuch=1");
    assertThat(call.exit()).isEqualTo(2);
    assertThat(call.err())
        .contains(
            "unknown option --nosuch.", "--windowMinutes", "--bootstrapServers", "--dedupShards")
        .contains("onceflow run transactions --help")
        .doesNotContain("\tat ");
  }

  @Test
  void aBadOptionValueNamesTheOption() {
    Call call = onceflow("run", "transactions", "--input=x.csv", "--windowMinutes=0");
    assertThat(call.exit()).isEqualTo(2);
    assertThat(call.err()).contains("--windowMinutes must be at least 1").doesNotContain("\tat ");
  }

  @Test
  void aNegativeMaxFutureNamesTheOption() {
    Call call = onceflow("run", "ledger", "--input=x.json", "--maxFutureSeconds=-1");
    assertThat(call.exit()).isEqualTo(2);
    assertThat(call.err())
        .contains("--maxFutureSeconds must be at least 0, was -1")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnknownCommandNamesItAndTheCommands() {
    Call call = onceflow("frobnicate");
    assertThat(call.exit()).isEqualTo(2);
    assertThat(call.err()).contains("frobnicate", "run", "demo", "verify");
  }

  @Test
  void aCommandWithoutItsPipelineSaysWhichAreThere() {
    Call call = onceflow("verify", "--groundTruth=x");
    assertThat(call.exit()).isEqualTo(2);
    assertThat(call.err()).contains("which pipeline?", "onceflow verify transactions");
  }

  @Test
  void helpOfAPipelineCommandListsItsOptionsFromTheirDescriptions() {
    Call call = onceflow("run", "transactions", "--help");
    assertThat(call.exit()).isZero();
    assertThat(call.out())
        .contains("--windowMinutes", "Event-time window size, in minutes.", "--consumerGroup");
  }

  @Test
  void runsAPipelineAndPrintsItsSummary() {
    Path example = Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();
    Call call =
        onceflow(
            "run",
            "transactions",
            "--input=" + example,
            "--warehouse=" + warehouse,
            "--progressSeconds=0");
    assertThat(call.exit()).isZero();
    assertThat(call.out())
        .contains(
            "onceflow transactions: DONE", "dead letters           4", "commits skipped        0");
  }

  /**
   * The restart guard: a run over existing tables with another window size or dedup sharding than
   * they were made with is refused before it writes, naming the option, exit 2, no stack trace.
   */
  @Test
  void aRunWhoseOptionsChangeWhatTheTablesMeanIsRefusedNamingTheOption() {
    Path example = Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();
    String input = "--input=" + example;
    String tables = "--warehouse=" + warehouse;
    assertThat(onceflow("run", "transactions", input, tables, "--progressSeconds=0").exit())
        .isZero();

    Call window = onceflow("run", "transactions", input, tables, "--windowMinutes=30");
    assertThat(window.exit()).isEqualTo(2);
    assertThat(window.err())
        .contains(
            "--windowMinutes=30: table onceflow.customer_hourly_totals was made with"
                + " --windowMinutes=60",
            "--namespace")
        .doesNotContain("\tat ");
    Call shards = onceflow("run", "transactions", input, tables, "--dedupShards=3");
    assertThat(shards.exit()).isEqualTo(2);
    assertThat(shards.err()).contains("--dedupShards=3: table onceflow.transactions was made with");
    // A fresh namespace is a fresh start.
    assertThat(
            onceflow(
                    "run",
                    "transactions",
                    input,
                    tables,
                    "--windowMinutes=30",
                    "--namespace=half_hours",
                    "--progressSeconds=0")
                .exit())
        .isZero();
  }

  @Test
  void showsAMissingTableAsAClearError() {
    Call call = onceflow("show", "transactions", "--warehouse=" + warehouse);
    assertThat(call.exit()).isEqualTo(2);
    assertThat(call.err())
        .contains("no table onceflow.customer_hourly_totals")
        .doesNotContain("\tat ");
  }

  @Test
  void aBadLogLevelNamesTheOptionAndTheLevels() {
    Call call = onceflow("show", "transactions", "--logLevel=LOUD");
    assertThat(call.exit()).isEqualTo(2);
    assertThat(call.err())
        .contains("--logLevel must be one of OFF, ERROR, WARN, INFO, DEBUG", "was 'LOUD'")
        .doesNotContain("\tat ");
  }

  @Test
  void theLoggingOptionsAreTheCommandLinesNotBeamsAndSetTheLevel() {
    try {
      Call call = onceflow("show", "transactions", "--warehouse=" + warehouse, "--logLevel=error");
      // Past the logging option, to the missing table: Beam never saw it.
      assertThat(call.err()).contains("no table").doesNotContain("logLevel");
      assertThat(org.apache.logging.log4j.LogManager.getLogger("org.apache.beam").getLevel())
          .isEqualTo(org.apache.logging.log4j.Level.ERROR);
    } finally {
      org.apache.logging.log4j.core.config.Configurator.reconfigure();
    }
    assertThat(org.apache.logging.log4j.LogManager.getLogger("org.apache.beam").getLevel())
        .as("the packaged configuration's default")
        .isEqualTo(org.apache.logging.log4j.Level.WARN);
    assertThat(onceflow("run", "transactions", "--help").out()).contains("Logging: --verbose");
  }

  @Test
  void printsABashCompletionScript() {
    Call call = onceflow("completion");
    assertThat(call.exit()).isZero();
    assertThat(call.out()).contains("complete ", "onceflow", "pipelines");
  }
}
