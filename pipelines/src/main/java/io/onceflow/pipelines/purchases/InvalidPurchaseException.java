package io.onceflow.pipelines.purchases;

/** A record that is not a valid purchase; the message is the dead-letter reason. */
public final class InvalidPurchaseException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidPurchaseException(String reason) {
    super(reason);
  }
}
