package io.onceflow.pipelines.clickstream;

import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;

/** The keys the clickstream aggregates group by. */
final class ClickKeys {

  private ClickKeys() {}

  /** Per {@code (user_id, session_id)}: user activity and sessions. */
  static WithKeys<KV<String, String>, ClickEvent> userAndSession() {
    return WithKeys.of((ClickEvent e) -> KV.of(e.userId, e.sessionId))
        .withKeyType(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()));
  }

  /** Per {@code user_id}: the sliding windows. */
  static WithKeys<String, ClickEvent> user() {
    return WithKeys.of((ClickEvent e) -> e.userId).withKeyType(TypeDescriptors.strings());
  }
}
