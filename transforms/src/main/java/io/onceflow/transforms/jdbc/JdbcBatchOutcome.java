package io.onceflow.transforms.jdbc;

import java.io.Serializable;

/** What one batch did to its PostgreSQL table, in the transaction that committed it. */
public final class JdbcBatchOutcome implements Serializable {

  private static final long serialVersionUID = 1L;

  public final String table;

  /** Rows that added a key or replaced an older stored row. */
  public final long rowsWritten;

  /**
   * Rows not written: the stored row of their key was as new or newer (or sealed), or a newer row
   * of the same key was in the batch.
   */
  public final long rowsIgnored;

  /** Transactions it took, 1 when the first one committed. */
  public final int attempts;

  JdbcBatchOutcome(String table, long rowsWritten, long rowsIgnored, int attempts) {
    this.table = table;
    this.rowsWritten = rowsWritten;
    this.rowsIgnored = rowsIgnored;
    this.attempts = attempts;
  }

  @Override
  public String toString() {
    return table + " written=" + rowsWritten + " ignored=" + rowsIgnored + " attempts=" + attempts;
  }
}
