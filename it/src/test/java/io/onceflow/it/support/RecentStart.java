package io.onceflow.it.support;

import io.onceflow.pipelines.transactions.GenerateTransactions;

/**
 * The first event time of the generated data sets: the generator's default start (midnight UTC two
 * days ago), fixed once per JVM so that every part of a test generates the same records. Not a
 * fixed date: the pipeline keeps too-late transactions visible only for a week after their window
 * closed, and its idle watermark follows the clock, so a data set from a fixed day stops giving the
 * same answer a week later (a 2026-11-22 start made every streaming test fail on 2026-12-01).
 */
public final class RecentStart {

  public static final String MIDNIGHT_TWO_DAYS_AGO = GenerateTransactions.defaultStart().toString();

  private RecentStart() {}
}
