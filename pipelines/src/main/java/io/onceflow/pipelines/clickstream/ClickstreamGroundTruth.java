package io.onceflow.pipelines.clickstream;

import io.onceflow.pipelines.GroundTruthFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * What the clickstream's tables must hold once every window is final, computed from the delivered
 * records with plain Java collections, independently of Beam. The in-time events make:
 *
 * <ul>
 *   <li>{@code user_activity}: per fixed window of {@link Rules#activityWindowMinutes} (aligned to
 *       the epoch, as Beam's), user and session: events, distinct non-null pages, clicks,
 *       purchases, the device of the earliest event (by time, ties by content);
 *   <li>{@code sessions}: per user and session id, the events split wherever two consecutive ones
 *       are the gap or more apart (Beam's session windows merge exactly when the next event is less
 *       than the gap after the last); of several sessions of one id the row holds the one with the
 *       most events, as the table's version order does;
 *   <li>{@code user_activity_sliding}: per user, every window of the size starting at a multiple of
 *       the period within the size before the event (Beam's sliding windows): events and distinct
 *       sessions;
 *   <li>{@code alerts}: a user-activity window whose final counts break the rule is one {@code
 *       CONFIRMED} alert. This is the final state only: an alert that early panes raised is
 *       confirmed or resolved by the final pane, and accumulating panes of one run only grow, so
 *       the final counts decide it whatever the arrival order.
 *   <li>{@code user_state}: per user, over every valid event, too-late ones included (the stateful
 *       step judges no lateness): events, clicks, purchases, distinct sessions, earliest and latest
 *       event time.
 * </ul>
 *
 * The too-late events are in no window and are in {@code clickstream_late_events} once per output.
 * Every value is compared when final: pane index and timing depend on arrival, so are left out.
 * Stored beside the records: one {@code key<TAB>row} file per table and the counts.
 */
final class ClickstreamGroundTruth {

  static final String ACTIVITY_FILE = "user_activity.tsv";
  static final String SESSIONS_FILE = "sessions.tsv";
  static final String SLIDING_FILE = "user_activity_sliding.tsv";
  static final String ALERTS_FILE = "alerts.tsv";
  static final String LATE_FILE = "late_events.tsv";
  static final String USER_STATE_FILE = "user_state.tsv";
  static final String USER_STATE_IN_TIME_FILE = "user_state_without_too_late.tsv";
  static final String COUNTS_FILE = "ground-truth.properties";

  /** The outputs an event can be too late for, as {@code clickstream_late_events} names them. */
  static final List<String> OUTPUTS =
      List.of(UserActivityTable.NAME, SessionsTable.NAME, SlidingActivityTable.NAME);

  /** The windows and the alert rule the truth is computed for: the pipeline's options. */
  record Rules(
      long activityWindowMinutes,
      long sessionGapMinutes,
      long slidingWindowMinutes,
      long slidingPeriodMinutes,
      long alertPurchases,
      long alertEvents) {

    /** The notebook's: the pipeline's option defaults. */
    static final Rules DEFAULT = of(PipelineOptionsFactory.as(ClickstreamPipelineOptions.class));

    static Rules of(ClickstreamPipelineOptions o) {
      return new Rules(
          o.getActivityWindowMinutes(),
          o.getSessionGapMinutes(),
          o.getSlidingWindowMinutes(),
          o.getSlidingPeriodMinutes(),
          o.getAlertPurchases(),
          o.getAlertEvents());
    }

    Map<String, Long> asCounts() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("rule.activity_window_minutes", activityWindowMinutes);
      m.put("rule.session_gap_minutes", sessionGapMinutes);
      m.put("rule.sliding_window_minutes", slidingWindowMinutes);
      m.put("rule.sliding_period_minutes", slidingPeriodMinutes);
      m.put("rule.alert_purchases", alertPurchases);
      m.put("rule.alert_events", alertEvents);
      return m;
    }

    /** What the alert rule says of final counts, as {@link AlertRule#firing} words it. */
    String firing(long purchases, long events) {
      List<String> parts = new ArrayList<>();
      if (purchases > alertPurchases) {
        parts.add("purchase_count > " + alertPurchases);
      }
      if (events > alertEvents) {
        parts.add("total_events > " + alertEvents);
      }
      return parts.isEmpty() ? null : String.join(" and ", parts);
    }
  }

  final Rules rules;

  /** {@code window_start user_id session_id} to {@link #activityRow}. */
  final Map<String, String> activity;

  /** {@code user_id session_id} to {@link #sessionRow}. */
  final Map<String, String> sessions;

  /** {@code window_start user_id} to {@link #slidingRow}. */
  final Map<String, String> sliding;

  /** {@code window_start user_id session_id} to {@link #alertRow}. */
  final Map<String, String> alerts;

  /** {@link #lateKey} of each too-late event and output, to "too late". */
  final Map<String, String> late;

  /** {@code user_id} to {@link #userStateRow}, of every delivered event. */
  final Map<String, String> userState;

  /** The same without the too-late events: for a run that was not sent them. */
  final Map<String, String> userStateInTime;

  /**
   * records, invalid, events (valid and in time), too_late (events, each late for every output).
   */
  final Map<String, Long> counts;

  private ClickstreamGroundTruth(
      Rules rules,
      Map<String, String> activity,
      Map<String, String> sessions,
      Map<String, String> sliding,
      Map<String, String> alerts,
      Map<String, String> late,
      Map<String, String> userState,
      Map<String, String> userStateInTime,
      Map<String, Long> counts) {
    this.rules = rules;
    this.activity = activity;
    this.sessions = sessions;
    this.sliding = sliding;
    this.alerts = alerts;
    this.late = late;
    this.userState = userState;
    this.userStateInTime = userStateInTime;
    this.counts = counts;
  }

  long count(String name) {
    return GroundTruthFiles.count(counts, name, Path.of(COUNTS_FILE));
  }

  static String time(long millis) {
    return java.time.Instant.ofEpochMilli(millis).toString();
  }

  static String activityKey(long windowStart, String user, String session) {
    return time(windowStart) + " " + user + " " + session;
  }

  static String activityRow(
      long windowEnd,
      long events,
      long pages,
      long clicks,
      long purchases,
      String device,
      boolean isFinal) {
    return String.join(
        ", ",
        "end " + time(windowEnd),
        "events " + events,
        "pages " + pages,
        "clicks " + clicks,
        "purchases " + purchases,
        "device " + device,
        isFinal ? "final" : "not final");
  }

  static String sessionKey(String user, String session) {
    return user + " " + session;
  }

  static String sessionRow(
      long start,
      long end,
      long events,
      String sequence,
      long purchases,
      double durationMinutes,
      boolean isFinal) {
    return String.join(
        ", ",
        time(start) + ".." + time(end),
        "events " + events,
        "purchases " + purchases,
        "minutes " + durationMinutes,
        isFinal ? "final" : "not final",
        "[" + sequence + "]");
  }

  static String slidingKey(long windowStart, String user) {
    return time(windowStart) + " " + user;
  }

  static String slidingRow(long windowEnd, long events, long sessions, boolean isFinal) {
    return String.join(
        ", ",
        "end " + time(windowEnd),
        "events " + events,
        "sessions " + sessions,
        isFinal ? "final" : "not final");
  }

  static String alertRow(String rule, String status, long events, long purchases, boolean isFinal) {
    return String.join(
        ", ",
        rule,
        status,
        "events " + events,
        "purchases " + purchases,
        isFinal ? "final" : "not final");
  }

  static String lateKey(String output, String user, String session, String type, long at) {
    return String.join(" ", output, user, session, type, time(at));
  }

  static String userStateRow(
      long events,
      long clicks,
      long purchases,
      long sessions,
      Collection<String> sessionIds,
      long firstSeen,
      long lastSeen) {
    return String.join(
        ", ",
        "events " + events,
        "clicks " + clicks,
        "purchases " + purchases,
        "sessions " + sessions + " " + sessionIds,
        time(firstSeen) + ".." + time(lastSeen));
  }

  /** Accumulates delivered records: those in time, then those too late for every output. */
  static final class Builder {
    private final Rules rules;
    private final List<ClickEvent> inTime = new ArrayList<>();
    private final List<ClickEvent> tooLate = new ArrayList<>();
    private long records;
    private long invalid;

    Builder(Rules rules) {
      this.rules = rules;
    }

    /** A record delivered while its windows are open (or a malformed one). */
    Builder inTime(String raw) {
      records++;
      try {
        inTime.add(ClickEventJsonParser.parse(raw));
      } catch (InvalidClickEventException e) {
        invalid++;
      }
      return this;
    }

    /** A record delivered after every window it belongs to has closed. */
    Builder tooLate(String raw) {
      records++;
      try {
        tooLate.add(ClickEventJsonParser.parse(raw));
      } catch (InvalidClickEventException e) {
        invalid++;
      }
      return this;
    }

    ClickstreamGroundTruth build() {
      long size = rules.activityWindowMinutes() * 60_000L;
      Map<String, List<ClickEvent>> byWindow = new TreeMap<>();
      Map<String, long[]> windowBounds = new TreeMap<>();
      Map<String, List<ClickEvent>> bySession = new TreeMap<>();
      for (ClickEvent e : inTime) {
        long start = Math.floorDiv(e.timestamp.getMillis(), size) * size;
        String key = activityKey(start, e.userId, e.sessionId);
        byWindow.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        windowBounds.put(key, new long[] {start, start + size});
        bySession.computeIfAbsent(sessionKey(e.userId, e.sessionId), k -> new ArrayList<>()).add(e);
      }

      Map<String, String> activity = new TreeMap<>();
      Map<String, String> alerts = new TreeMap<>();
      for (Map.Entry<String, List<ClickEvent>> w : byWindow.entrySet()) {
        List<ClickEvent> es = w.getValue();
        long clicks = es.stream().filter(e -> "click".equals(e.eventType)).count();
        long purchases = es.stream().filter(e -> "purchase".equals(e.eventType)).count();
        long pages = es.stream().map(e -> e.pageUrl).filter(p -> p != null).distinct().count();
        ClickEvent earliest = es.stream().min(ClickEvent.BY_TIME_THEN_CONTENT).orElseThrow();
        activity.put(
            w.getKey(),
            activityRow(
                windowBounds.get(w.getKey())[1],
                es.size(),
                pages,
                clicks,
                purchases,
                earliest.deviceType,
                true));
        String rule = rules.firing(purchases, es.size());
        if (rule != null) {
          alerts.put(w.getKey(), alertRow(rule, Alert.CONFIRMED, es.size(), purchases, true));
        }
      }

      long gap = rules.sessionGapMinutes() * 60_000L;
      Map<String, String> sessions = new TreeMap<>();
      for (Map.Entry<String, List<ClickEvent>> s : bySession.entrySet()) {
        List<ClickEvent> sorted = new ArrayList<>(s.getValue());
        sorted.sort(ClickEvent.BY_TIME_THEN_CONTENT);
        List<List<ClickEvent>> parts = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (ClickEvent e : sorted) {
          if (parts.isEmpty() || e.timestamp.getMillis() - last >= gap) {
            parts.add(new ArrayList<>());
          }
          parts.get(parts.size() - 1).add(e);
          last = e.timestamp.getMillis();
        }
        List<ClickEvent> kept = parts.get(0);
        for (List<ClickEvent> p : parts) {
          if (p != kept && p.size() == kept.size()) {
            throw new IllegalStateException(
                "session "
                    + s.getKey()
                    + " is two sessions of "
                    + p.size()
                    + " events: which one its row keeps depends on pane order");
          }
          if (p.size() > kept.size()) {
            kept = p;
          }
        }
        long first = kept.get(0).timestamp.getMillis();
        long end = kept.get(kept.size() - 1).timestamp.getMillis();
        sessions.put(
            s.getKey(),
            sessionRow(
                first,
                end,
                kept.size(),
                kept.stream().map(e -> e.eventType).collect(Collectors.joining(",")),
                kept.stream().filter(e -> "purchase".equals(e.eventType)).count(),
                (end - first) / 60_000.0,
                true));
      }

      long slideSize = rules.slidingWindowMinutes() * 60_000L;
      long period = rules.slidingPeriodMinutes() * 60_000L;
      Map<String, long[]> slidingCounts = new TreeMap<>();
      Map<String, TreeSet<String>> slidingSessions = new TreeMap<>();
      for (ClickEvent e : inTime) {
        long t = e.timestamp.getMillis();
        for (long ws = Math.floorDiv(t, period) * period; ws > t - slideSize; ws -= period) {
          String key = slidingKey(ws, e.userId);
          slidingCounts.computeIfAbsent(key, k -> new long[2])[0]++;
          slidingCounts.get(key)[1] = ws + slideSize;
          slidingSessions.computeIfAbsent(key, k -> new TreeSet<>()).add(e.sessionId);
        }
      }
      Map<String, String> sliding = new TreeMap<>();
      slidingCounts.forEach(
          (k, c) -> sliding.put(k, slidingRow(c[1], c[0], slidingSessions.get(k).size(), true)));

      Map<String, String> late = new TreeMap<>();
      for (ClickEvent e : tooLate) {
        for (String output : OUTPUTS) {
          late.put(
              lateKey(output, e.userId, e.sessionId, e.eventType, e.timestamp.getMillis()),
              "too late");
        }
      }

      List<ClickEvent> delivered = new ArrayList<>(inTime);
      delivered.addAll(tooLate);
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("records", records);
      counts.put("invalid", invalid);
      counts.put("events", (long) inTime.size());
      counts.put("too_late", (long) tooLate.size());
      counts.putAll(rules.asCounts());
      return new ClickstreamGroundTruth(
          rules,
          activity,
          sessions,
          sliding,
          alerts,
          late,
          userStates(delivered),
          userStates(inTime),
          counts);
    }

    /** Per user: events, clicks, purchases, distinct sessions, earliest and latest event time. */
    private static Map<String, String> userStates(List<ClickEvent> events) {
      Map<String, List<ClickEvent>> byUser = new TreeMap<>();
      for (ClickEvent e : events) {
        byUser.computeIfAbsent(e.userId, k -> new ArrayList<>()).add(e);
      }
      Map<String, String> rows = new TreeMap<>();
      byUser.forEach(
          (user, es) ->
              rows.put(
                  user,
                  userStateRow(
                      es.size(),
                      es.stream().filter(e -> "click".equals(e.eventType)).count(),
                      es.stream().filter(e -> "purchase".equals(e.eventType)).count(),
                      es.stream().map(e -> e.sessionId).distinct().count(),
                      es.stream()
                          .map(e -> e.sessionId)
                          .collect(Collectors.toCollection(TreeSet::new)),
                      es.stream().mapToLong(e -> e.timestamp.getMillis()).min().orElseThrow(),
                      es.stream().mapToLong(e -> e.timestamp.getMillis()).max().orElseThrow())));
      return rows;
    }
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    GroundTruthFiles.writeRows(dir.resolve(ACTIVITY_FILE), activity);
    GroundTruthFiles.writeRows(dir.resolve(SESSIONS_FILE), sessions);
    GroundTruthFiles.writeRows(dir.resolve(SLIDING_FILE), sliding);
    GroundTruthFiles.writeRows(dir.resolve(ALERTS_FILE), alerts);
    GroundTruthFiles.writeRows(dir.resolve(LATE_FILE), late);
    GroundTruthFiles.writeRows(dir.resolve(USER_STATE_FILE), userState);
    GroundTruthFiles.writeRows(dir.resolve(USER_STATE_IN_TIME_FILE), userStateInTime);
    GroundTruthFiles.writeCounts(
        dir.resolve(COUNTS_FILE),
        counts,
        "onceflow clickstream ground truth: records = events (in time) + too_late + invalid;"
            + " rule.* are the windows and alert rule it was computed for");
  }

  static ClickstreamGroundTruth read(Path dir) {
    try {
      Path countsFile = dir.resolve(COUNTS_FILE);
      Map<String, Long> counts = GroundTruthFiles.readCounts(countsFile);
      Rules rules =
          new Rules(
              GroundTruthFiles.count(counts, "rule.activity_window_minutes", countsFile),
              GroundTruthFiles.count(counts, "rule.session_gap_minutes", countsFile),
              GroundTruthFiles.count(counts, "rule.sliding_window_minutes", countsFile),
              GroundTruthFiles.count(counts, "rule.sliding_period_minutes", countsFile),
              GroundTruthFiles.count(counts, "rule.alert_purchases", countsFile),
              GroundTruthFiles.count(counts, "rule.alert_events", countsFile));
      for (String name : List.of("records", "invalid", "events", "too_late")) {
        GroundTruthFiles.count(counts, name, countsFile);
      }
      return new ClickstreamGroundTruth(
          rules,
          GroundTruthFiles.readRows(dir.resolve(ACTIVITY_FILE)),
          GroundTruthFiles.readRows(dir.resolve(SESSIONS_FILE)),
          GroundTruthFiles.readRows(dir.resolve(SLIDING_FILE)),
          GroundTruthFiles.readRows(dir.resolve(ALERTS_FILE)),
          GroundTruthFiles.readRows(dir.resolve(LATE_FILE)),
          GroundTruthFiles.readRows(dir.resolve(USER_STATE_FILE)),
          GroundTruthFiles.readRows(dir.resolve(USER_STATE_IN_TIME_FILE)),
          counts);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "--groundTruth: cannot read a clickstream ground truth in "
              + dir
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
