package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.state.RunningAggregate;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code user_state}, the notebook's custom state: per {@code user_id}, a stateful step ({@link
 * RunningAggregate} of {@link UserBehaviourFn}) keeps the user's running behaviour across every
 * window and emits it after each of their events. It reads the validated events before any lateness
 * is judged, so it does not depend on where the watermark was when an event arrived: an event too
 * late for every window is still one of the user's events and counts here.
 */
public final class UserStates extends PTransform<PCollection<ClickEvent>, PCollection<UserState>> {

  private UserStates() {}

  public static UserStates running() {
    return new UserStates();
  }

  @Override
  public PCollection<UserState> expand(PCollection<ClickEvent> events) {
    return events
        .apply(
            "KeyByUser",
            WithKeys.of((ClickEvent e) -> e.userId).withKeyType(TypeDescriptors.strings()))
        .apply("RunningBehaviour", RunningAggregate.perKey(new UserBehaviourFn()))
        .apply("States", Values.create());
  }
}
