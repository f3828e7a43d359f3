package io.onceflow.pipelines.clickstream;

/** A record that is not a valid click event; the message is the dead-letter reason. */
public final class InvalidClickEventException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidClickEventException(String reason) {
    super(reason);
  }
}
