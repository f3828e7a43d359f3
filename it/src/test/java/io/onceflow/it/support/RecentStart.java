package io.onceflow.it.support;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The first event time of the generated data sets: midnight UTC two days before the test run,
 * fixed once per JVM so that every part of a test generates the same records. Not a fixed date:
 * the pipeline keeps too-late transactions visible only for a week after their window closed, and
 * its idle watermark follows the clock, so a data set from a fixed day stops giving the same
 * answer a week later (a 2026-11-22 start made every streaming test fail on 2026-12-01).
 */
public final class RecentStart {

  public static final String MIDNIGHT_TWO_DAYS_AGO = LocalDate.now(ZoneOffset.UTC).minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().toString();

  private RecentStart() {}
}
