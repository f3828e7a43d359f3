package io.onceflow.pipelines.messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A message field by field (the event type nullable): deterministic, because the dedup state and
 * the reports' accumulators hold messages.
 */
public final class MessageCoder extends AtomicCoder<Message> {

  private static final MessageCoder INSTANCE = new MessageCoder();
  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
  private static final NullableCoder<String> NULLABLE_TEXT = NullableCoder.of(TEXT);
  private static final InstantCoder TIME = InstantCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();

  private MessageCoder() {}

  public static MessageCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder} on {@link Message} looks up. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(Message.class), INSTANCE);
  }

  @Override
  public void encode(Message m, OutputStream out) throws IOException {
    TEXT.encode(m.source, out);
    TIME.encode(m.timestamp, out);
    TEXT.encode(m.value, out);
    NULLABLE_TEXT.encode(m.eventType, out);
    TEXT.encode(m.messageId, out);
    TEXT.encode(m.channel, out);
    INT.encode(m.countryId, out);
    INT.encode(m.userId, out);
  }

  @Override
  public Message decode(InputStream in) throws IOException {
    return new Message(
        TEXT.decode(in),
        TIME.decode(in),
        TEXT.decode(in),
        NULLABLE_TEXT.decode(in),
        TEXT.decode(in),
        TEXT.decode(in),
        INT.decode(in),
        INT.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
