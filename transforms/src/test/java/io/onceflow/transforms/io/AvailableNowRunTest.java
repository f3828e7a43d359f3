package io.onceflow.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceflow.transforms.io.AvailableNowRun.Progress;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class AvailableNowRunTest {

  private static final AvailableNowPlan PLAN = plan();

  private static AvailableNowPlan plan() {
    PartitionScan p = new PartitionScan(0, 0, 3, 0);
    p.add(0, Instant.parse("2026-12-02T10:00:00Z"));
    p.add(1, null);
    p.add(2, Instant.parse("2026-12-02T10:05:00Z"));
    return AvailableNowPlan.of(
        "t", List.of(p), Duration.standardMinutes(1), Duration.standardMinutes(20));
  }

  private final AvailableNowRun run =
      new AvailableNowRun(null, PLAN, 2, Duration.standardSeconds(2), () -> {});

  @Test
  void itIsDoneOnlyWhenEverythingIsReadAtEverySinkCommittedAndStaysSo() {
    Progress done = new Progress(3, 3, 2, 40, 40);
    assertThat(AvailableNowRun.caughtUp(done, PLAN, 2)).isTrue();
    assertThat(AvailableNowRun.caughtUp(new Progress(2, 3, 2, 40, 40), PLAN, 2))
        .as("a record not read yet")
        .isFalse();
    assertThat(AvailableNowRun.caughtUp(new Progress(3, 2, 2, 40, 40), PLAN, 2))
        .as("a record not parsed yet")
        .isFalse();
    assertThat(AvailableNowRun.caughtUp(new Progress(3, 3, 1, 40, 40), PLAN, 2))
        .as("a sink the watermark has not reached")
        .isFalse();
    assertThat(AvailableNowRun.caughtUp(new Progress(3, 3, 2, 39, 40), PLAN, 2))
        .as("a row waiting for a commit")
        .isFalse();
  }

  @Test
  void caughtUpMustHoldForTheSettleTimeWithNoNewRow() {
    Progress done = new Progress(3, 3, 2, 40, 40);
    assertThat(run.look(done, 1_000)).isFalse();
    assertThat(run.look(done, 2_500)).isFalse();
    // A speculative pane arrives and is committed: the settle time starts again.
    Progress more = new Progress(3, 3, 2, 41, 41);
    assertThat(run.look(more, 3_000)).isFalse();
    assertThat(run.look(more, 4_999)).isFalse();
    assertThat(run.look(more, 5_000)).isTrue();
  }

  @Test
  void aLookThatIsNotCaughtUpStartsTheSettleTimeAgain() {
    Progress done = new Progress(3, 3, 2, 40, 40);
    assertThat(run.look(done, 1_000)).isFalse();
    assertThat(run.look(new Progress(3, 3, 2, 40, 41), 2_000)).isFalse();
    assertThat(run.look(new Progress(3, 3, 2, 41, 41), 3_000)).isFalse();
    assertThat(run.look(new Progress(3, 3, 2, 41, 41), 4_000)).isFalse();
    assertThat(run.look(new Progress(3, 3, 2, 41, 41), 5_000)).isTrue();
  }
}
