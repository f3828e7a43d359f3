package io.onceflow.pipelines.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceflow.pipelines.PipelineRegistry;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import io.onceflow.transforms.metrics.MetricNames;
import io.onceflow.transforms.metrics.MetricTotals;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clickstream pipeline on the DirectRunner over generated files read once (where nothing is
 * late), checked by verify clickstream against the generator's ground truth.
 */
class ClickstreamPipelineTest {

  @TempDir Path dir;

  private String[] run() {
    return new String[] {
      "--input=" + dir.resolve(GenerateClickstream.STREAM_FILE),
      "--warehouse=" + dir.resolve("warehouse"),
      "--commitIntervalSeconds=1",
      "--progressSeconds=0"
    };
  }

  private String verify(String... more) {
    List<String> args = new ArrayList<>(List.of(run()));
    args.addAll(List.of(more));
    if (args.stream().noneMatch(a -> a.startsWith("--expectTooLate"))) {
      // Files read once: nothing is late, and the too-late file is not read.
      args.add("--expectTooLate=false");
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    boolean ok =
        VerifyClickstream.verify(
            VerifyClickstream.options(args.toArray(String[]::new)), new PrintStream(text, true));
    return (ok ? "PASSED " : "FAILED ") + text;
  }

  private List<String> userStateRows() {
    return TableRows.read(
        IcebergCatalogOptions.catalog(ClickstreamPipeline.options(run())),
        "onceflow",
        UserStateTable.NAME,
        "user_id",
        "total_events",
        "click_count",
        "purchase_count",
        "session_count",
        "session_ids",
        "first_seen",
        "last_seen",
        "updated_at");
  }

  private static void generate(String... args) throws Exception {
    GenerateClickstream.generate(
        GenerateClickstream.options(args), new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void aBoundedRunOverGeneratedFilesVerifiesAndAnotherTruthShowsEveryDifference() throws Exception {
    generate("--output=" + dir, "--sessions=30", "--users=10", "--purchaseSprees=2");
    ClickstreamGroundTruth truth = ClickstreamGroundTruth.read(dir);

    PipelineResult result = ClickstreamPipeline.run(ClickstreamPipeline.options(run()));
    result.waitUntilFinish();
    String report = verify("--groundTruth=" + dir);
    assertThat(report)
        .startsWith("PASSED")
        .contains(
            String.format(
                "onceflow verify: OK — 0 differences; %d records = %d events + 0 too late + %d"
                    + " dead letters; %d user_activity windows, %d sessions, %d sliding windows,"
                    + " %d alerts, 0 late event rows (every row final), %d users in user_state",
                truth.count("records") - truth.count("too_late"),
                truth.count("events"),
                truth.count("invalid"),
                truth.activity.size(),
                truth.sessions.size(),
                truth.sliding.size(),
                truth.alerts.size(),
                truth.userStateInTime.size()));
    assertThat(truth.alerts).hasSizeGreaterThanOrEqualTo(3);
    assertThat(MetricTotals.of(result).counter(MetricNames.DEAD_LETTERS))
        .isEqualTo(truth.count("invalid"));

    // A replay over the same tables with fresh state: user_state recounts every user from 0 and
    // the version guard keeps each stored row (same total_events is not newer), so nothing
    // changes, updated_at included; the tables still verify.
    List<String> before = userStateRows();
    assertThat(before).hasSize(truth.userStateInTime.size());
    ClickstreamPipeline.run(ClickstreamPipeline.options(run())).waitUntilFinish();
    assertThat(userStateRows()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(verify("--groundTruth=" + dir)).startsWith("PASSED");

    // The same tables against the truth of other input: every difference named.
    Path other = dir.resolve("other");
    generate("--output=" + other, "--sessions=31", "--users=10", "--purchaseSprees=2");
    String different = verify("--groundTruth=" + other);
    assertThat(different)
        .startsWith("FAILED")
        .contains("user_activity ", ": expected ", ", table (none)")
        .contains("sessions user_")
        .contains("onceflow verify: DIFFERENT");
    // A table that holds the late events of a run it did not read is a difference too.
    assertThat(verify("--groundTruth=" + dir, "--expectTooLate=true"))
        .startsWith("FAILED")
        .contains("clickstream_late_events user_activity user_")
        .contains("records accounted for in user_activity: expected ");
  }

  @Test
  void aGroundTruthOfOtherWindowsIsRefusedAndVerifyNeedsOne() throws Exception {
    generate("--output=" + dir, "--sessions=3", "--users=2", "--purchaseSprees=0", "--bots=0");
    assertThat(verify("--groundTruth=" + dir, "--activityWindowMinutes=10"))
        .startsWith("FAILED")
        .contains("the ground truth was computed for")
        .contains("activityWindowMinutes=5")
        .contains("activityWindowMinutes=10");
    assertThatThrownBy(() -> VerifyClickstream.options(run()))
        .hasMessageStartingWith("--groundTruth");
  }

  @Test
  void theClickstreamIsRegisteredWithItsCommands() {
    assertThat(PipelineRegistry.named("clickstream").tables())
        .startsWith("user_activity", "sessions", "user_activity_sliding", "alerts");
  }
}
