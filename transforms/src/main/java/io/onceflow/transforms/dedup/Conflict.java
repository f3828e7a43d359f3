package io.onceflow.transforms.dedup;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/** Two versions of one key that disagree, and which one the dedup rule kept. */
@DefaultCoder(ConflictCoder.class)
public final class Conflict<T> {

  public final String key;
  public final T kept;
  public final T discarded;

  public Conflict(String key, T kept, T discarded) {
    this.key = key;
    this.kept = kept;
    this.discarded = discarded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Conflict<?> c
        && c.key.equals(key)
        && c.kept.equals(kept)
        && c.discarded.equals(discarded);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, kept, discarded);
  }

  @Override
  public String toString() {
    return "conflict " + key + ": kept " + kept + ", discarded " + discarded;
  }
}
