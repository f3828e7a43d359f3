package io.onceflow.transforms.transactions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** A counted or retracted transaction: the flag, then the transaction. */
public final class CountedTransactionCoder extends AtomicCoder<CountedTransaction> {

  private static final CountedTransactionCoder INSTANCE = new CountedTransactionCoder();

  private CountedTransactionCoder() {}

  public static CountedTransactionCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link CountedTransaction} looks up. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(CountedTransaction.class), INSTANCE);
  }

  @Override
  public void encode(CountedTransaction t, OutputStream out) throws IOException {
    BooleanCoder.of().encode(t.retracted, out);
    TransactionEventCoder.of().encode(t.event, out);
  }

  @Override
  public CountedTransaction decode(InputStream in) throws IOException {
    boolean retracted = BooleanCoder.of().decode(in);
    return new CountedTransaction(TransactionEventCoder.of().decode(in), retracted);
  }

  @Override
  public void verifyDeterministic() {}
}
