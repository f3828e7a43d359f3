package io.onceflow.transforms.deadletter;

import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.joda.time.Instant;

/**
 * A record that could not be used, kept whole: which pipeline and source position it came from, its
 * raw payload, why it was rejected and when. Nothing a pipeline rejects is lost.
 */
@DefaultSchema(JavaFieldSchema.class)
public final class DeadLetter {

  public final String pipeline;

  /** Where the record came from, e.g. {@code topic/partition/offset} or {@code file:line}. */
  public final String source;

  public final String raw;
  public final String error;
  public final Instant failedAt;

  @SchemaCreate
  public DeadLetter(String pipeline, String source, String raw, String error, Instant failedAt) {
    this.pipeline = pipeline;
    this.source = source;
    this.raw = raw;
    this.error = error;
    this.failedAt = failedAt;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DeadLetter)) {
      return false;
    }
    DeadLetter that = (DeadLetter) o;
    return pipeline.equals(that.pipeline)
        && source.equals(that.source)
        && raw.equals(that.raw)
        && error.equals(that.error)
        && failedAt.equals(that.failedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pipeline, source, raw, error, failedAt);
  }

  @Override
  public String toString() {
    return "DeadLetter{" + pipeline + ", " + source + ", error=" + error + ", raw=" + raw + "}";
  }
}
