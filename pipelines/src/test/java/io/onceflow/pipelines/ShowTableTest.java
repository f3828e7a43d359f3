package io.onceflow.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceflow.pipelines.transactions.TransactionsPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onceflow show} on the tables of a real run. */
class ShowTableTest {

  @TempDir Path warehouse;

  @Test
  void showsRowsAsAReaderSeesThemAndEachSnapshotsCommitId() {
    Path example = Paths.get("..", "examples", "transactions.csv").toAbsolutePath().normalize();
    TransactionsPipeline.run(
            TransactionsPipeline.options(
                new String[] {
                  "--input=" + example, "--warehouse=" + warehouse, "--commitIntervalSeconds=1"
                }))
        .waitUntilFinish();
    ByteArrayOutputStream text = new ByteArrayOutputStream();

    ShowTable.show(
        options("--warehouse=" + warehouse, "--table=dead_letters", "--limit=2"),
        new PrintStream(text, true));

    assertThat(text.toString())
        .contains(
            "dead_letters — 4 rows",
            "pipeline | stage | source | raw | error | failed_at",
            "... 2 more (--limit)")
        .containsPattern("\\| overwrite \\| [0-9a-f]{32} \\| 4 / 0");
  }

  @Test
  void aMissingTableIsAClearError() {
    assertThatThrownBy(
            () ->
                ShowTable.show(
                    options("--warehouse=" + warehouse, "--table=nope"),
                    new PrintStream(new ByteArrayOutputStream())))
        .hasMessageContaining("nope");
  }

  private static ShowTable.Options options(String... args) {
    PipelineOptionsFactory.register(ShowTable.Options.class);
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(ShowTable.Options.class);
  }
}
