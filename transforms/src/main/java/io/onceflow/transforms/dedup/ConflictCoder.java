package io.onceflow.transforms.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.StructuredCoder;

/** A conflict: its key, then the kept and the discarded version in the element's coder. */
public final class ConflictCoder<T> extends StructuredCoder<Conflict<T>> {

  private final Coder<T> valueCoder;

  private ConflictCoder(Coder<T> valueCoder) {
    this.valueCoder = valueCoder;
  }

  public static <T> ConflictCoder<T> of(Coder<T> valueCoder) {
    return new ConflictCoder<>(valueCoder);
  }

  /** What {@code @DefaultCoder} on {@link Conflict} looks up: {@link #of} with T's coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.fromStaticMethods(Conflict.class, ConflictCoder.class);
  }

  @Override
  public void encode(Conflict<T> c, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(c.key, out);
    valueCoder.encode(c.kept, out);
    valueCoder.encode(c.discarded, out);
  }

  @Override
  public Conflict<T> decode(InputStream in) throws IOException {
    return new Conflict<>(
        StringUtf8Coder.of().decode(in), valueCoder.decode(in), valueCoder.decode(in));
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(valueCoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(this, "the element's coder must be deterministic", valueCoder);
  }
}
