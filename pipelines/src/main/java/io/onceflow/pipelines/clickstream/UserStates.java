package io.onceflow.pipelines.clickstream;

import io.onceflow.transforms.state.RunningAggregate;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code user_state}, the notebook's custom state: per {@code user_id}, a stateful step ({@link
 * RunningAggregate} of {@link UserBehaviourFn}) keeps the user's running behaviour across every
 * window and emits it after each of their events. It reads the validated events before any lateness
 * is judged, so it does not depend on where the watermark was when an event arrived: an event too
 * late for every window is still one of the user's events and counts here.
 */
public final class UserStates extends PTransform<PCollection<ClickEvent>, PCollection<UserState>> {

  // Null for none: every user starts from nothing.
  private final PCollectionView<Map<String, UserBehaviourFn.Behaviour>> stored;

  private UserStates(PCollectionView<Map<String, UserBehaviourFn.Behaviour>> stored) {
    this.stored = stored;
  }

  public static UserStates running() {
    return new UserStates(null);
  }

  /** As this, each user starting from their state in {@code stored} (an earlier run's). */
  UserStates startingFrom(PCollectionView<Map<String, UserBehaviourFn.Behaviour>> stored) {
    return new UserStates(stored);
  }

  @Override
  public PCollection<UserState> expand(PCollection<ClickEvent> events) {
    return events
        .apply(
            "KeyByUser",
            WithKeys.of((ClickEvent e) -> e.userId).withKeyType(TypeDescriptors.strings()))
        .apply(
            "RunningBehaviour",
            stored == null
                ? RunningAggregate.perKey(new UserBehaviourFn())
                : RunningAggregate.<String, ClickEvent, UserBehaviourFn.Behaviour, UserState>perKey(
                        new UserBehaviourFn())
                    .startingFrom(stored))
        .apply("States", Values.create());
  }
}
