package io.onceflow.transforms.iceberg;

import java.io.Serializable;
import java.util.Objects;

/** What one commit attempt of a batch did to its table. */
public final class CommitOutcome implements Serializable {

  private static final long serialVersionUID = 1L;

  public enum Kind {
    /** New or newer rows landed in a snapshot carrying the commit id. */
    COMMITTED,
    /** A snapshot with this batch's commit id is already in the table's history. */
    ALREADY_COMMITTED,
    /** Every row was equal to or older than the stored row for its key: no snapshot. */
    NOTHING_NEWER
  }

  public final String table;
  public final String commitId;
  public final Kind kind;

  /** Rows that replaced a stored row or added a key. */
  public final long rowsWritten;

  /** Rows not written because the stored row for their key is as new or newer. */
  public final long rowsIgnored;

  public final int attempts;

  CommitOutcome(
      String table, String commitId, Kind kind, long rowsWritten, long rowsIgnored, int attempts) {
    this.table = table;
    this.commitId = commitId;
    this.kind = kind;
    this.rowsWritten = rowsWritten;
    this.rowsIgnored = rowsIgnored;
    this.attempts = attempts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommitOutcome c
        && c.table.equals(table)
        && c.commitId.equals(commitId)
        && c.kind == kind
        && c.rowsWritten == rowsWritten
        && c.rowsIgnored == rowsIgnored;
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, commitId, kind, rowsWritten, rowsIgnored);
  }

  @Override
  public String toString() {
    return table
        + " "
        + kind
        + " "
        + commitId
        + " written="
        + rowsWritten
        + " ignored="
        + rowsIgnored
        + " attempts="
        + attempts;
  }
}
