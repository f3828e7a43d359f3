package io.onceflow.pipelines.clickstream;

import io.onceflow.pipelines.GroundTruthFiles;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;

/**
 * {@code onceflow verify clickstream}: reads every table as any reader does (Iceberg's generic
 * reader, columns by name) and compares it with a generator's ground truth ({@link
 * ClickstreamGroundTruth}) row for row: {@code user_activity}, {@code sessions}, {@code
 * user_activity_sliding} and {@code alerts}, every row final, {@code user_state} and {@code
 * clickstream_late_events}; then accounts for every input record in each output: its events, plus
 * the events too late for it, plus the dead letters, are the records (the sliding windows hold each
 * event once per window it is in). Prints every difference; false if there is one.
 */
public final class VerifyClickstream {

  private VerifyClickstream() {}

  static VerifyClickstreamOptions options(String[] args) {
    VerifyClickstreamOptions o = CommandOptions.parse(args, VerifyClickstreamOptions.class);
    if (o.getGroundTruth().isBlank()) {
      throw new IllegalArgumentException(
          "--groundTruth is required: the directory 'onceflow generate clickstream' wrote");
    }
    IcebergCatalogOptions.catalog(o);
    return o;
  }

  /** True when every table holds exactly what the ground truth says. */
  static boolean verify(VerifyClickstreamOptions o, PrintStream out) {
    ClickstreamGroundTruth truth = ClickstreamGroundTruth.read(Paths.get(o.getGroundTruth()));
    ClickstreamGroundTruth.Rules rules = ClickstreamGroundTruth.Rules.of(o);
    if (!rules.equals(truth.rules)) {
      out.printf(
          "onceflow verify: DIFFERENT — the ground truth was computed for %s, the run's options"
              + " are %s%n",
          truth.rules, rules);
      return false;
    }
    Catalog catalog = IcebergCatalogOptions.catalog(o).build();
    String ns = o.getNamespace();
    int problems = 0;
    boolean expectFinal = o.getExpectFinal();
    long[] open = {0};

    Map<String, String> activity = new TreeMap<>();
    long[] activityEvents = {0};
    TableRows.forEach(
        load(catalog, ns, o.getUserActivityTable()),
        r -> {
          long events = (Long) TableRows.value(r, "total_events");
          activityEvents[0] += events;
          activity.put(
              ClickstreamGroundTruth.activityKey(
                  millis(r, "window_start"), string(r, "user_id"), string(r, "session_id")),
              ClickstreamGroundTruth.activityRow(
                  millis(r, "window_end"),
                  events,
                  (Long) TableRows.value(r, "unique_pages"),
                  (Long) TableRows.value(r, "click_count"),
                  (Long) TableRows.value(r, "purchase_count"),
                  string(r, "device_type"),
                  asFinal(r, expectFinal, open)));
        });
    problems +=
        GroundTruthFiles.printDifferences(out, o.getUserActivityTable(), truth.activity, activity);

    Map<String, String> sessions = new TreeMap<>();
    long[] sessionEvents = {0};
    TableRows.forEach(
        load(catalog, ns, o.getSessionsTable()),
        r -> {
          long events = (Long) TableRows.value(r, "events_in_session");
          sessionEvents[0] += events;
          sessions.put(
              ClickstreamGroundTruth.sessionKey(string(r, "user_id"), string(r, "session_id")),
              ClickstreamGroundTruth.sessionRow(
                  millis(r, "session_start"),
                  millis(r, "session_end"),
                  events,
                  string(r, "event_sequence"),
                  (Long) TableRows.value(r, "purchases"),
                  (Double) TableRows.value(r, "session_duration_minutes"),
                  asFinal(r, expectFinal, open)));
        });
    problems +=
        GroundTruthFiles.printDifferences(out, o.getSessionsTable(), truth.sessions, sessions);

    Map<String, String> sliding = new TreeMap<>();
    long[] slidingEvents = {0};
    TableRows.forEach(
        load(catalog, ns, o.getSlidingTable()),
        r -> {
          long events = (Long) TableRows.value(r, "event_count");
          slidingEvents[0] += events;
          sliding.put(
              ClickstreamGroundTruth.slidingKey(millis(r, "window_start"), string(r, "user_id")),
              ClickstreamGroundTruth.slidingRow(
                  millis(r, "window_end"),
                  events,
                  (Long) TableRows.value(r, "session_count"),
                  asFinal(r, expectFinal, open)));
        });
    problems += GroundTruthFiles.printDifferences(out, o.getSlidingTable(), truth.sliding, sliding);

    Map<String, String> alerts = new TreeMap<>();
    TableRows.forEach(
        load(catalog, ns, o.getAlertsTable()),
        r ->
            alerts.put(
                ClickstreamGroundTruth.activityKey(
                    millis(r, "window_start"), string(r, "user_id"), string(r, "session_id")),
                ClickstreamGroundTruth.alertRow(
                    string(r, "rule"),
                    // An open window's alert is OPEN; the truth has the final state.
                    !expectFinal && "OPEN".equals(string(r, "status")) && !isFinal(r)
                        ? "CONFIRMED"
                        : string(r, "status"),
                    (Long) TableRows.value(r, "total_events"),
                    (Long) TableRows.value(r, "purchase_count"),
                    asFinal(r, expectFinal, open))));
    problems += GroundTruthFiles.printDifferences(out, o.getAlertsTable(), truth.alerts, alerts);

    Map<String, String> userState = new TreeMap<>();
    TableRows.forEach(
        load(catalog, ns, o.getUserStateTable()),
        r ->
            userState.put(
                string(r, "user_id"),
                ClickstreamGroundTruth.userStateRow(
                    (Long) TableRows.value(r, "total_events"),
                    (Long) TableRows.value(r, "click_count"),
                    (Long) TableRows.value(r, "purchase_count"),
                    (Long) TableRows.value(r, "session_count"),
                    UserStateTable.sessionIds(string(r, "session_ids")),
                    millis(r, "first_seen"),
                    millis(r, "last_seen"))));
    Map<String, String> expectedUserState =
        o.getExpectTooLate() ? truth.userState : truth.userStateInTime;
    problems +=
        GroundTruthFiles.printDifferences(out, o.getUserStateTable(), expectedUserState, userState);

    Map<String, String> late = new TreeMap<>();
    Map<String, Long> lateByOutput = new TreeMap<>();
    TableRows.forEach(
        load(catalog, ns, o.getLateEventsTable()),
        r -> {
          String output = string(r, "output");
          lateByOutput.merge(output, 1L, Long::sum);
          late.put(
              ClickstreamGroundTruth.lateKey(
                  output,
                  string(r, "user_id"),
                  string(r, "session_id"),
                  string(r, "event_type"),
                  millis(r, "event_timestamp")),
              "too late");
        });
    Map<String, String> expectedLate = o.getExpectTooLate() ? truth.late : Map.of();
    problems += GroundTruthFiles.printDifferences(out, o.getLateEventsTable(), expectedLate, late);

    long[] deadLetters = {0};
    TableRows.forEach(
        load(catalog, ns, DeadLettersTable.NAME),
        r ->
            deadLetters[0] +=
                ClickstreamPipeline.NAME.equals(TableRows.value(r, "pipeline")) ? 1 : 0);
    long invalid = truth.count("invalid");
    if (deadLetters[0] != invalid) {
      out.printf(
          "  %-44s expected %-12d table %d%n",
          "dead_letters (pipeline clickstream)", invalid, deadLetters[0]);
      problems++;
    }

    // Every record is a dead letter or an event; every event is in each output's windows or
    // too late for it.
    long records =
        o.getExpectTooLate()
            ? truth.count("records")
            : truth.count("records") - truth.count("too_late");
    long perWindow = rules.slidingWindowMinutes() / rules.slidingPeriodMinutes();
    problems +=
        accounted(
            out,
            o.getUserActivityTable(),
            records,
            activityEvents[0],
            lateByOutput.getOrDefault(UserActivityTable.NAME, 0L),
            deadLetters[0]);
    problems +=
        accounted(
            out,
            o.getSessionsTable(),
            records,
            sessionEvents[0],
            lateByOutput.getOrDefault(SessionsTable.NAME, 0L),
            deadLetters[0]);
    if (slidingEvents[0] % perWindow != 0) {
      out.printf(
          "  %s holds %d events, not a multiple of the %d windows each is in%n",
          o.getSlidingTable(), slidingEvents[0], perWindow);
      problems++;
    }
    problems +=
        accounted(
            out,
            o.getSlidingTable(),
            records,
            slidingEvents[0] / perWindow,
            lateByOutput.getOrDefault(SlidingActivityTable.NAME, 0L),
            deadLetters[0]);

    out.printf(
        "onceflow verify: %s — %d differences; %d records = %d events + %d too late + %d dead"
            + " letters; %d user_activity windows, %d sessions, %d sliding windows, %d alerts,"
            + " %d late event rows (%s), %d users in user_state%n",
        problems == 0 ? "OK" : "DIFFERENT",
        problems,
        records,
        activityEvents[0],
        lateByOutput.getOrDefault(UserActivityTable.NAME, 0L),
        deadLetters[0],
        activity.size(),
        sessions.size(),
        sliding.size(),
        alerts.size(),
        late.size(),
        expectFinal ? "every row final" : open[0] + " rows of windows still open",
        userState.size());
    return problems == 0;
  }

  private static int accounted(
      PrintStream out, String table, long records, long events, long tooLate, long deadLetters) {
    long sum = events + tooLate + deadLetters;
    if (sum == records) {
      return 0;
    }
    out.printf(
        "  records accounted for in %s: expected %d, tables %d (%d events + %d too late + %d dead"
            + " letters)%n",
        table, records, sum, events, tooLate, deadLetters);
    return 1;
  }

  private static Table load(Catalog catalog, String namespace, String name) {
    return catalog.loadTable(TableIdentifier.of(namespace, name));
  }

  private static String string(Record r, String column) {
    Object v = TableRows.value(r, column);
    return v == null ? null : v.toString();
  }

  private static long millis(Record r, String column) {
    return ((OffsetDateTime) TableRows.value(r, column)).toInstant().toEpochMilli();
  }

  /**
   * Whether {@code r} is final; with {@code expectFinal} false (a run that stopped with windows
   * still open) every row compares as final, and {@code open} counts those that are not.
   */
  private static boolean asFinal(Record r, boolean expectFinal, long[] open) {
    if (isFinal(r)) {
      return true;
    }
    open[0]++;
    return !expectFinal;
  }

  private static boolean isFinal(Record r) {
    return Boolean.TRUE.equals(TableRows.value(r, "is_final"));
  }
}
