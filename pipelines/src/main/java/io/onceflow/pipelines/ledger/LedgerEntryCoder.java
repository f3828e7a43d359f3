package io.onceflow.pipelines.ledger;

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
 * A ledger entry field by field, money through {@link AmountCoder}: deterministic, because the
 * dedup state and the summary's and conflicts' accumulators hold entries.
 */
public final class LedgerEntryCoder extends AtomicCoder<LedgerEntry> {

  private static final LedgerEntryCoder INSTANCE = new LedgerEntryCoder();
  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
  private static final InstantCoder TIME = InstantCoder.of();

  private LedgerEntryCoder() {}

  public static LedgerEntryCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link LedgerEntry} looks up. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(LedgerEntry.class), INSTANCE);
  }

  @Override
  public void encode(LedgerEntry e, OutputStream out) throws IOException {
    TEXT.encode(e.transactionId, out);
    TEXT.encode(e.accountFrom, out);
    TEXT.encode(e.accountTo, out);
    TEXT.encode(e.amountText, out);
    AmountCoder.of().encode(e.amount, out);
    TEXT.encode(e.currency, out);
    TEXT.encode(e.transactionType, out);
    TIME.encode(e.eventTimestamp, out);
    TEXT.encode(e.transactionHash, out);
  }

  @Override
  public LedgerEntry decode(InputStream in) throws IOException {
    return new LedgerEntry(
        TEXT.decode(in),
        TEXT.decode(in),
        TEXT.decode(in),
        TEXT.decode(in),
        AmountCoder.of().decode(in),
        TEXT.decode(in),
        TEXT.decode(in),
        TIME.decode(in),
        TEXT.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
