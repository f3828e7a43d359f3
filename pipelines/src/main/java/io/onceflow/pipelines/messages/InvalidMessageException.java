package io.onceflow.pipelines.messages;

/** A message record that cannot be used; the message is the dead letter's reason. */
public final class InvalidMessageException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidMessageException(String reason) {
    super(reason);
  }
}
