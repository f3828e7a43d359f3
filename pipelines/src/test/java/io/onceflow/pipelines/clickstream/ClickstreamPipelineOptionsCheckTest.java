package io.onceflow.pipelines.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClickstreamPipelineOptionsCheckTest {

  private static final String INPUT = "--input=events.json";

  @Test
  void theDefaultsAreTheNotebooks() {
    ProcessClickstream.Windowings w =
        ClickstreamPipelineOptionsCheck.windowings(
            ClickstreamPipeline.options(new String[] {INPUT}));

    assertThat(w).isEqualTo(ProcessClickstream.Windowings.DEFAULT);
  }

  @Test
  void continuousFiresASpeculativePaneAtTheNextTick() {
    ProcessClickstream.Windowings w =
        ClickstreamPipelineOptionsCheck.windowings(
            ClickstreamPipeline.options(new String[] {INPUT, "--trigger=continuous"}));

    assertThat(w.activity().earlyFiringDelay).isEqualTo(Duration.millis(1));
    assertThat(w.sessions().earlyFiringDelay).isEqualTo(Duration.millis(1));
    assertThat(w.sliding().earlyFiringDelay).isEqualTo(Duration.millis(1));
  }

  private static final String[] KAFKA = {
    "--source=kafka", "--bootstrapServers=127.0.0.1:9", "--topic=clicks", "--trigger=available-now"
  };

  @Test
  void availableNowFromTheGroupsOffsetsOnTheDirectRunnerIsAccepted() {
    assertThat(ClickstreamPipeline.options(KAFKA).getTrigger())
        .isEqualTo(ClickstreamTrigger.AVAILABLE_NOW);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--startFrom=earliest|--trigger=available-now resumes from the consumer group's offsets: it"
            + " needs --startFrom=committed, was --startFrom=earliest",
        "--maxRecords=10|--trigger=available-now reads what the topic holds at start-up: it needs"
            + " --maxRecords=0",
      })
  void anAvailableNowRunThatCannotWorkFailsAtStartUpNamingTheOption(String option, String message) {
    String[] args = java.util.Arrays.copyOf(KAFKA, KAFKA.length + 1);
    args[KAFKA.length] = option;
    assertThatThrownBy(() -> ClickstreamPipeline.options(args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--trigger=once|--trigger must be one of [processing-time, continuous, available-now], was"
            + " 'once'",
        "--trigger=available-now|--trigger=available-now needs --source=kafka (files read once,"
            + " --watchIntervalSeconds=0, are already a bounded run of what the files hold), was"
            + " --source=files",
        "--rereadMinutes=59|--rereadMinutes must be at least 60, was 59",
        "--firingSeconds=0|--firingSeconds must be at least 1, was 0",
        "--sessionGapMinutes=0|--sessionGapMinutes must be at least 1, was 0",
        "--slidingPeriodMinutes=2|--slidingPeriodMinutes must divide --slidingWindowMinutes (5),"
            + " was 2",
        "--activityLatenessMinutes=-1|--activityLatenessMinutes must be at least 0, was -1",
        "--alertsTable=sessions|--alertsTable names sessions, which another of the pipeline's"
            + " tables has",
      })
  void aBadOptionFailsNamingIt(String option, String message) {
    assertThatThrownBy(() -> ClickstreamPipeline.options(new String[] {INPUT, option}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
