package io.onceflow.pipelines.messages;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A report row's counts: per column (an event type, a channel) the number of first occurrences
 * counted, their {@code total}, and {@code facts}, how many distinct counts and retractions the
 * tally has seen — a number that only grows as information arrives (a retraction lowers the total
 * but raises the facts), which is what the report tables version their rows by.
 */
public final class Tally implements Serializable {

  private static final long serialVersionUID = 1L;

  public final TreeMap<String, Long> byColumn;
  public final long total;
  public final long facts;

  public Tally(Map<String, Long> byColumn, long total, long facts) {
    this.byColumn = new TreeMap<>(byColumn);
    this.total = total;
    this.facts = facts;
  }

  /** The count of {@code column}, 0 where none. */
  public long count(String column) {
    return byColumn.getOrDefault(column, 0L);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tally t
        && byColumn.equals(t.byColumn)
        && total == t.total
        && facts == t.facts;
  }

  @Override
  public int hashCode() {
    return byColumn.hashCode() * 31 + Long.hashCode(facts);
  }

  @Override
  public String toString() {
    return byColumn + " total " + total + " facts " + facts;
  }
}
