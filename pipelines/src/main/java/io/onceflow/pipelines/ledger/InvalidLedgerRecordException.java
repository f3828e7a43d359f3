package io.onceflow.pipelines.ledger;

/** A record that is not a valid ledger record; the message is the dead-letter reason. */
public final class InvalidLedgerRecordException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidLedgerRecordException(String reason) {
    super(reason);
  }
}
