package io.onceflow.transforms.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StructuredCoder;

/** A counted or retracted element: the flag, then the element in its own coder. */
public final class CountedCoder<T> extends StructuredCoder<Counted<T>> {

  private final Coder<T> valueCoder;

  private CountedCoder(Coder<T> valueCoder) {
    this.valueCoder = valueCoder;
  }

  public static <T> CountedCoder<T> of(Coder<T> valueCoder) {
    return new CountedCoder<>(valueCoder);
  }

  /** What {@code @DefaultCoder} on {@link Counted} looks up: {@link #of} with T's coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.fromStaticMethods(Counted.class, CountedCoder.class);
  }

  @Override
  public void encode(Counted<T> c, OutputStream out) throws IOException {
    BooleanCoder.of().encode(c.retracted, out);
    valueCoder.encode(c.value, out);
  }

  @Override
  public Counted<T> decode(InputStream in) throws IOException {
    boolean retracted = BooleanCoder.of().decode(in);
    return new Counted<>(valueCoder.decode(in), retracted);
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
