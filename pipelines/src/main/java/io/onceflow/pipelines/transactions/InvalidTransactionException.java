package io.onceflow.pipelines.transactions;

/** A record that is not a valid transaction; the message is the dead-letter reason. */
public final class InvalidTransactionException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidTransactionException(String reason) {
    super(reason);
  }
}
