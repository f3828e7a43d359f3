package io.onceflow.pipelines.transactions;

import io.onceflow.transforms.coders.AmountCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A transaction field by field, money through {@link AmountCoder}. Every stateful and grouping step
 * of the flagship holds transactions, so this is the coder their state is written with.
 */
public final class TransactionEventCoder extends AtomicCoder<TransactionEvent> {

  private static final TransactionEventCoder INSTANCE = new TransactionEventCoder();
  private static final InstantCoder TIME = InstantCoder.of();
  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();

  private TransactionEventCoder() {}

  public static TransactionEventCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link TransactionEvent} looks up. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(TransactionEvent.class), INSTANCE);
  }

  @Override
  public void encode(TransactionEvent e, OutputStream out) throws IOException {
    TIME.encode(e.eventTime, out);
    TIME.encode(e.processingTime, out);
    TEXT.encode(e.txnId, out);
    TEXT.encode(e.customerId, out);
    AmountCoder.of().encode(e.amount, out);
    TEXT.encode(e.status, out);
  }

  @Override
  public TransactionEvent decode(InputStream in) throws IOException {
    return new TransactionEvent(
        TIME.decode(in),
        TIME.decode(in),
        TEXT.decode(in),
        TEXT.decode(in),
        AmountCoder.of().decode(in),
        TEXT.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
