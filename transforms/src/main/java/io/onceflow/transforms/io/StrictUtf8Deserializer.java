package io.onceflow.transforms.io;

import io.onceflow.transforms.parse.StrictUtf8;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka record value as text, decoded by {@link StrictUtf8}: Kafka's {@code StringDeserializer}
 * replaces invalid bytes with U+FFFD, which would let two distinct values collide; here a value
 * that is not UTF-8 reaches the parse step marked, and becomes a dead letter. A tombstone stays
 * null.
 */
public final class StrictUtf8Deserializer implements Deserializer<String> {

  @Override
  public String deserialize(String topic, byte[] data) {
    return data == null ? null : StrictUtf8.decode(data);
  }
}
