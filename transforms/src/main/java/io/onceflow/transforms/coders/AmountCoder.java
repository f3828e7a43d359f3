package io.onceflow.transforms.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * Money on the wire and in state: the scale, then the unscaled value as a variable-length long
 * (every {@code decimal(18,2)} fits), or as two's-complement bytes for anything wider.
 *
 * <p>Why not Beam's {@code BigDecimalCoder}: it builds a formatted message for its null check on
 * every call, and on Spark, which re-encodes a stateful step's state every micro-batch, that
 * formatting was the largest single cost measured (docs/BENCHMARKS.md).
 */
public final class AmountCoder extends AtomicCoder<BigDecimal> {

  private static final AmountCoder INSTANCE = new AmountCoder();
  private static final int LONG_VALUE = 0;
  private static final int WIDE_VALUE = 1;

  private AmountCoder() {}

  public static AmountCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(BigDecimal value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null amount");
    }
    VarInt.encode(value.scale(), out);
    BigInteger unscaled = value.unscaledValue();
    if (unscaled.bitLength() < Long.SIZE) {
      out.write(LONG_VALUE);
      VarInt.encode(unscaled.longValue(), out);
    } else {
      out.write(WIDE_VALUE);
      ByteArrayCoder.of().encode(unscaled.toByteArray(), out);
    }
  }

  @Override
  public BigDecimal decode(InputStream in) throws IOException {
    int scale = VarInt.decodeInt(in);
    int form = in.read();
    if (form == LONG_VALUE) {
      return BigDecimal.valueOf(VarInt.decodeLong(in), scale);
    }
    if (form == WIDE_VALUE) {
      return new BigDecimal(new BigInteger(ByteArrayCoder.of().decode(in)), scale);
    }
    throw new CoderException("unknown amount encoding " + form + " (truncated or foreign input)");
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
