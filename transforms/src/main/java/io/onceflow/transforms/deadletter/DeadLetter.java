package io.onceflow.transforms.deadletter;

import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.joda.time.Instant;

/**
 * A record that could not be used, kept whole: which pipeline and source position it came from, the
 * stage that rejected it, its raw payload, why and when. Nothing a pipeline rejects is lost: any
 * step that cannot use an element (parsing, validating, a failed join or hash) emits one, and every
 * pipeline writes them to its namespace's {@code dead_letters} table ({@link DeadLettersTable}).
 */
@DefaultSchema(JavaFieldSchema.class)
public final class DeadLetter {

  public final String pipeline;

  /** The step that rejected the record, e.g. {@code parse}, {@code validate}, {@code join}. */
  public final String stage;

  /** Where the record came from, e.g. {@code topic/partition/offset} or {@code file:line}. */
  public final String source;

  public final String raw;

  /** Why the record was rejected. */
  public final String error;

  public final Instant failedAt;

  @SchemaCreate
  public DeadLetter(
      String pipeline, String stage, String source, String raw, String error, Instant failedAt) {
    this.pipeline = pipeline;
    this.stage = stage;
    this.source = source;
    this.raw = raw;
    this.error = error;
    this.failedAt = failedAt;
  }

  /**
   * The dead letter for a record that {@code stage} of {@code pipeline} rejected with {@code
   * failure}, stamped now: the reason is the exception's message, or its class where it has none.
   */
  public static DeadLetter of(
      String pipeline, String stage, String source, String raw, Exception failure) {
    String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    return new DeadLetter(pipeline, stage, source, raw, reason, Instant.now());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeadLetter that
        && pipeline.equals(that.pipeline)
        && stage.equals(that.stage)
        && source.equals(that.source)
        && raw.equals(that.raw)
        && error.equals(that.error)
        && failedAt.equals(that.failedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pipeline, stage, source, raw, error, failedAt);
  }

  @Override
  public String toString() {
    return "DeadLetter{"
        + pipeline
        + ", "
        + stage
        + ", "
        + source
        + ", error="
        + error
        + ", raw="
        + raw
        + "}";
  }
}
