package io.onceflow.pipelines.purchases;

import io.onceflow.transforms.coders.AmountCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A purchase field by field, the price through {@link AmountCoder}: deterministic, because the
 * dedup state and the window accumulators hold purchases.
 */
public final class PurchaseCoder extends AtomicCoder<Purchase> {

  private static final PurchaseCoder INSTANCE = new PurchaseCoder();
  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();

  private PurchaseCoder() {}

  public static PurchaseCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link Purchase} looks up. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Purchase.class), INSTANCE);
  }

  @Override
  public void encode(Purchase p, OutputStream out) throws IOException {
    TEXT.encode(p.transactionId, out);
    TEXT.encode(p.customerId, out);
    TEXT.encode(p.category, out);
    TEXT.encode(p.brand, out);
    TEXT.encode(p.productName, out);
    VarLongCoder.of().encode(p.quantity, out);
    AmountCoder.of().encode(p.price, out);
    TEXT.encode(p.paymentMethod, out);
    InstantCoder.of().encode(p.ts, out);
  }

  @Override
  public Purchase decode(InputStream in) throws IOException {
    return new Purchase(
        TEXT.decode(in),
        TEXT.decode(in),
        TEXT.decode(in),
        TEXT.decode(in),
        TEXT.decode(in),
        VarLongCoder.of().decode(in),
        AmountCoder.of().decode(in),
        TEXT.decode(in),
        InstantCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
