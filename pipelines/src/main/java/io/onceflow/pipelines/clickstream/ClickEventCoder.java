package io.onceflow.pipelines.clickstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A click event field by field, the optional ones nullable: deterministic, because too-late events
 * are grouped and the aggregates' accumulators hold events.
 */
public final class ClickEventCoder extends AtomicCoder<ClickEvent> {

  private static final ClickEventCoder INSTANCE = new ClickEventCoder();
  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
  private static final NullableCoder<String> OPTIONAL = NullableCoder.of(StringUtf8Coder.of());
  private static final InstantCoder TIME = InstantCoder.of();

  private ClickEventCoder() {}

  public static ClickEventCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link ClickEvent} looks up. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ClickEvent.class), INSTANCE);
  }

  @Override
  public void encode(ClickEvent e, OutputStream out) throws IOException {
    TEXT.encode(e.userId, out);
    TEXT.encode(e.sessionId, out);
    TEXT.encode(e.eventType, out);
    OPTIONAL.encode(e.pageUrl, out);
    OPTIONAL.encode(e.productId, out);
    TIME.encode(e.timestamp, out);
    OPTIONAL.encode(e.deviceType, out);
    OPTIONAL.encode(e.ipAddress, out);
  }

  @Override
  public ClickEvent decode(InputStream in) throws IOException {
    return new ClickEvent(
        TEXT.decode(in),
        TEXT.decode(in),
        TEXT.decode(in),
        OPTIONAL.decode(in),
        OPTIONAL.decode(in),
        TIME.decode(in),
        OPTIONAL.decode(in),
        OPTIONAL.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
