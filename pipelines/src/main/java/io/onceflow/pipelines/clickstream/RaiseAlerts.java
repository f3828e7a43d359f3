package io.onceflow.pipelines.clickstream;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code alerts} from the panes of {@code user_activity}, one alert per window however many panes
 * it fires. The rule, per window and in pane order:
 *
 * <ul>
 *   <li>a pane that breaks the {@link AlertRule} is an alert: {@code OPEN} while the window may
 *       still change, {@code CONFIRMED} in its final pane;
 *   <li>a pane that does not break it, after one that did, {@code RESOLVED}s the alert (with the
 *       rule that had fired and the counts that no longer break it), so that no alert raised by a
 *       speculative pane stands when the final pane says otherwise;
 *   <li>a window that never broke the rule has no alert.
 * </ul>
 *
 * <p>Whether a window has alerted is state per user, session and window (Beam scopes a stateful
 * step's state to the window and drops it when the window expires), so a pane with lower counts
 * than an earlier one resolves it. Accumulating panes of one run only grow, so in one run that
 * comes from a recomputation, not from a pane of the same window losing events; the step does not
 * assume it.
 */
public final class RaiseAlerts extends PTransform<PCollection<UserActivity>, PCollection<Alert>> {

  private final AlertRule rule;

  private RaiseAlerts(AlertRule rule) {
    this.rule = rule;
  }

  public static RaiseAlerts by(AlertRule rule) {
    return new RaiseAlerts(rule);
  }

  @Override
  public PCollection<Alert> expand(PCollection<UserActivity> activity) {
    return activity
        .apply(
            "KeyByUserAndSession",
            WithKeys.of((UserActivity a) -> a.userId + "\u001f" + a.sessionId)
                .withKeyType(TypeDescriptors.strings()))
        .apply("AlertPerWindow", ParDo.of(new AlertPerWindowFn(rule)))
        .setTypeDescriptor(TypeDescriptor.of(Alert.class));
  }

  private static final class AlertPerWindowFn extends DoFn<KV<String, UserActivity>, Alert> {

    private final AlertRule rule;

    /** The rule the window's latest alerting pane broke; empty when none ever did. */
    @StateId("fired")
    private final StateSpec<ValueState<String>> firedSpec = StateSpecs.value(StringUtf8Coder.of());

    AlertPerWindowFn(AlertRule rule) {
      this.rule = rule;
    }

    @ProcessElement
    public void process(
        @Element KV<String, UserActivity> pane,
        @StateId("fired") ValueState<String> fired,
        OutputReceiver<Alert> out) {
      UserActivity a = pane.getValue();
      String firing = rule.firing(a);
      if (firing != null) {
        fired.write(firing);
        out.output(Alert.of(a, firing, a.isFinal ? Alert.CONFIRMED : Alert.OPEN));
        return;
      }
      String earlier = fired.read();
      if (earlier != null) {
        out.output(Alert.of(a, earlier, Alert.RESOLVED));
      }
    }
  }
}
