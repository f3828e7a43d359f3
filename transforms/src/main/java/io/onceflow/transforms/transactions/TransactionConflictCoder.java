package io.onceflow.transforms.transactions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** A conflict: its {@code txn_id}, then the kept and the discarded version. */
public final class TransactionConflictCoder extends AtomicCoder<TransactionConflict> {

  private static final TransactionConflictCoder INSTANCE = new TransactionConflictCoder();

  private TransactionConflictCoder() {}

  public static TransactionConflictCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link TransactionConflict} looks up. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(TransactionConflict.class), INSTANCE);
  }

  @Override
  public void encode(TransactionConflict c, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(c.txnId, out);
    TransactionEventCoder.of().encode(c.kept, out);
    TransactionEventCoder.of().encode(c.discarded, out);
  }

  @Override
  public TransactionConflict decode(InputStream in) throws IOException {
    return new TransactionConflict(
        StringUtf8Coder.of().decode(in),
        TransactionEventCoder.of().decode(in),
        TransactionEventCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
