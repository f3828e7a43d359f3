package io.onceflow.pipelines.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickstreamGeneratorTest {

  private static ClickstreamGenerator.Generated generate(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    if (all.stream().noneMatch(a -> a.startsWith("--start"))) {
      // A fixed start: the default follows the clock.
      all.add("--start=" + ClickstreamGenerator.EXAMPLE_START);
    }
    return ClickstreamGenerator.generate(
        GenerateClickstream.options(all.toArray(String[]::new)),
        ClickstreamGroundTruth.Rules.DEFAULT);
  }

  private static List<String> values(List<ClickstreamGenerator.Line> lines) {
    return GenerateClickstream.values(lines);
  }

  @Test
  void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
    ClickstreamGenerator.Generated a = generate();
    assertThat(values(a.stream())).isEqualTo(values(generate().stream()));
    assertThat(values(a.tooLate())).isEqualTo(values(generate().tooLate()));
    assertThat(values(a.stream())).isNotEqualTo(values(generate("--seed=7").stream()));
  }

  @Test
  void theTruthAccountsForEveryRecordInEveryOutput() throws Exception {
    ClickstreamGenerator.Generated g = generate();
    ClickstreamGroundTruth t = g.truth();
    long malformed = g.stream().stream().filter(l -> l.key() == null).count();

    assertThat(t.count("records")).isEqualTo(g.stream().size() + g.tooLate().size());
    assertThat(t.count("invalid"))
        .as("every malformed record, and only those, is rejected by the parser")
        .isEqualTo(malformed)
        .isPositive();
    assertThat(t.count("too_late")).isEqualTo(6);
    assertThat(t.count("records"))
        .isEqualTo(t.count("events") + t.count("too_late") + t.count("invalid"));
    assertThat(sum(t.activity.values(), "events ")).isEqualTo(t.count("events"));
    assertThat(sum(t.sessions.values(), "events ")).isEqualTo(t.count("events"));
    assertThat(sum(t.sliding.values(), "events "))
        .as("each event is in five sliding windows")
        .isEqualTo(5 * t.count("events"));
    assertThat(t.sessions).hasSize(120 + 4 + 1);
    assertThat(t.late).hasSize(3 * 6);
    assertThat(t.activity.values()).allMatch(r -> r.endsWith(", final"));
  }

  @Test
  void everySpreeAndBotAlertsAndSomeEventsAreLateOrHaveNoDevice() throws Exception {
    ClickstreamGenerator.Generated g = generate();
    ClickstreamGroundTruth t = g.truth();
    assertThat(t.alerts.values().stream().filter(r -> r.startsWith("purchase_count > 5")))
        .hasSizeGreaterThanOrEqualTo(4);
    assertThat(t.alerts.values().stream().filter(r -> r.contains("total_events > 100")))
        .hasSizeGreaterThanOrEqualTo(1);
    assertThat(t.alerts.values()).allMatch(r -> r.contains(", CONFIRMED, "));

    // Late: delivered after an event more than a minute later than itself.
    long late = 0;
    long noDevice = 0;
    Instant newest = new Instant(0);
    for (ClickstreamGenerator.Line l : g.stream()) {
      if (l.key() == null) {
        continue;
      }
      ClickEvent e = ClickEventJsonParser.parse(l.value());
      if (e.timestamp.plus(60_000).isBefore(newest)) {
        late++;
        assertThat(newest.getMillis() - e.timestamp.getMillis())
            .as("within every output's lateness")
            .isLessThan(6 * 60_000L);
      }
      newest = e.timestamp.isAfter(newest) ? e.timestamp : newest;
      noDevice += e.deviceType == null ? 1 : 0;
      assertThat(e.userId).matches("user_00[0-4]\\d");
    }
    assertThat(late).isGreaterThan(50);
    assertThat(noDevice).isPositive();
  }

  @Test
  void theTruthWindowsEventsAsTheNotebooksQueriesDo() {
    ClickstreamGroundTruth.Builder b =
        new ClickstreamGroundTruth.Builder(ClickstreamGroundTruth.Rules.DEFAULT);
    // u1/s1: two events in 10:00-10:05 (one page twice), one at 10:07, and one 40 minutes
    // after that: two sessions of one id, the larger kept.
    b.inTime(event("u1", "s1", "page_view", "/a", "10:01:00", "mobile"));
    b.inTime(event("u1", "s1", "click", "/a", "10:00:30", "desktop"));
    b.inTime(event("u1", "s1", "purchase", "/checkout", "10:07:00", "desktop"));
    b.inTime(event("u1", "s1", "page_view", "/b", "10:47:00", "desktop"));
    b.inTime("{\"user_id\":\"u1\"}");
    b.tooLate(event("u1", "s1", "purchase", "/checkout", "10:02:00", "desktop"));
    ClickstreamGroundTruth t = b.build();

    assertThat(t.activity)
        .containsEntry(
            "2026-03-02T10:00:00Z u1 s1",
            "end 2026-03-02T10:05:00Z, events 2, pages 1, clicks 1, purchases 0, device desktop,"
                + " final")
        .containsEntry(
            "2026-03-02T10:05:00Z u1 s1",
            "end 2026-03-02T10:10:00Z, events 1, pages 1, clicks 0, purchases 1, device desktop,"
                + " final")
        .hasSize(3);
    assertThat(t.sessions)
        .containsExactlyEntriesOf(
            java.util.Map.of(
                "u1 s1",
                "2026-03-02T10:00:30Z..2026-03-02T10:07:00Z, events 3, purchases 1, minutes 6.5,"
                    + " final, [click,page_view,purchase]"));
    // 10:00:30 and 10:01:00 are in the windows starting 09:56 ... 10:00 and 09:57 ... 10:01.
    assertThat(t.sliding)
        .containsEntry(
            "2026-03-02T09:56:00Z u1", "end 2026-03-02T10:01:00Z, events 1, sessions 1, final")
        .containsEntry(
            "2026-03-02T10:00:00Z u1", "end 2026-03-02T10:05:00Z, events 2, sessions 1, final")
        .hasSize(6 + 5 + 5);
    assertThat(t.alerts).isEmpty();
    assertThat(t.late)
        .containsOnlyKeys(
            "user_activity u1 s1 purchase 2026-03-02T10:02:00Z",
            "sessions u1 s1 purchase 2026-03-02T10:02:00Z",
            "user_activity_sliding u1 s1 purchase 2026-03-02T10:02:00Z");
    // user_state counts the too-late purchase too (no lateness for it); the run not sent it not.
    assertThat(t.userState)
        .containsExactlyEntriesOf(
            java.util.Map.of(
                "u1",
                "events 5, clicks 1, purchases 2, sessions 1 [s1],"
                    + " 2026-03-02T10:00:30Z..2026-03-02T10:47:00Z"));
    assertThat(t.userStateInTime)
        .containsExactlyEntriesOf(
            java.util.Map.of(
                "u1",
                "events 4, clicks 1, purchases 1, sessions 1 [s1],"
                    + " 2026-03-02T10:00:30Z..2026-03-02T10:47:00Z"));
    assertThat(t.counts)
        .containsEntry("records", 6L)
        .containsEntry("invalid", 1L)
        .containsEntry("events", 4L)
        .containsEntry("too_late", 1L);
  }

  @Test
  void theAlertRuleIsTheNotebooksOnTheFinalCounts() {
    ClickstreamGroundTruth.Builder b =
        new ClickstreamGroundTruth.Builder(ClickstreamGroundTruth.Rules.DEFAULT);
    for (int i = 0; i < 6; i++) {
      b.inTime(event("u2", "s2", "purchase", "/checkout", "10:01:0" + i, "tablet"));
    }
    for (int i = 0; i < 5; i++) {
      b.inTime(event("u3", "s3", "purchase", "/checkout", "10:01:0" + i, "tablet"));
    }
    ClickstreamGroundTruth t = b.build();
    assertThat(t.alerts)
        .containsExactlyEntriesOf(
            java.util.Map.of(
                "2026-03-02T10:00:00Z u2 s2",
                "purchase_count > 5, CONFIRMED, events 6, purchases 6, final"));
  }

  @Test
  void theGroundTruthFilesReadBackTheSame(@TempDir Path dir) throws Exception {
    ClickstreamGroundTruth t = generate("--sessions=20").truth();
    t.write(dir);
    ClickstreamGroundTruth back = ClickstreamGroundTruth.read(dir);

    assertThat(back.activity).isEqualTo(t.activity);
    assertThat(back.sessions).isEqualTo(t.sessions);
    assertThat(back.sliding).isEqualTo(t.sliding);
    assertThat(back.alerts).isEqualTo(t.alerts);
    assertThat(back.late).isEqualTo(t.late);
    assertThat(back.userState).isEqualTo(t.userState).isNotEmpty();
    assertThat(back.userStateInTime).isEqualTo(t.userStateInTime).isNotEmpty();
    assertThat(back.counts).isEqualTo(t.counts);
    assertThat(back.rules).isEqualTo(ClickstreamGroundTruth.Rules.DEFAULT);
  }

  @Test
  void theDefaultStartIsAWholeHourFourToFiveHoursAgo() {
    long start = ClickstreamGenerator.start(GenerateClickstream.options(new String[0])).getMillis();
    long now = System.currentTimeMillis();
    assertThat(start % 3_600_000L).isZero();
    assertThat(now - start).isBetween(4 * 3_600_000L, 5 * 3_600_000L);
  }

  @Test
  void badOptionsFailNamingTheOption() {
    assertThatThrownBy(() -> generate("--users=0")).hasMessageContaining("--users");
    assertThatThrownBy(() -> generate("--sessions=0")).hasMessageContaining("--sessions");
    assertThatThrownBy(() -> generate("--lateFraction=2")).hasMessageContaining("--lateFraction");
    assertThatThrownBy(() -> generate("--start=yesterday")).hasMessageContaining("--start");
    assertThatThrownBy(() -> generate("--tooLate=-1")).hasMessageContaining("--tooLate");
    assertThatThrownBy(() -> generate("--to=s3")).hasMessageContaining("--to");
    assertThatThrownBy(() -> generate("--to=kafka")).hasMessageContaining("--bootstrapServers");
    assertThatThrownBy(() -> generate("--to=kafka", "--bootstrapServers=h:1"))
        .hasMessageContaining("--topic");
  }

  private static String event(
      String user, String session, String type, String page, String time, String device) {
    return "{\"user_id\":\""
        + user
        + "\",\"session_id\":\""
        + session
        + "\",\"event_type\":\""
        + type
        + "\",\"page_url\":\""
        + page
        + "\",\"timestamp\":\"2026-03-02T"
        + time
        + "Z\",\"device_type\":\""
        + device
        + "\"}";
  }

  /** The sum of the numbers after {@code label} in rows. */
  private static long sum(java.util.Collection<String> rows, String label) {
    long sum = 0;
    for (String row : rows) {
      int at = row.indexOf(label) + label.length();
      int end = row.indexOf(',', at);
      sum += Long.parseLong(row.substring(at, end));
    }
    return sum;
  }
}
