package io.onceflow.pipelines.clickstream;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * The events of one session, sorted by timestamp and then content: the session's sequence needs
 * every event's type in order, so the accumulator is the events themselves (a session is minutes of
 * one user's activity, not an unbounded set).
 */
final class SessionEventsFn
    extends Combine.CombineFn<ClickEvent, List<ClickEvent>, List<ClickEvent>> {

  @Override
  public List<ClickEvent> createAccumulator() {
    return new ArrayList<>();
  }

  @Override
  public List<ClickEvent> addInput(List<ClickEvent> events, ClickEvent e) {
    events.add(e);
    return events;
  }

  @Override
  public List<ClickEvent> mergeAccumulators(Iterable<List<ClickEvent>> all) {
    List<ClickEvent> merged = new ArrayList<>();
    all.forEach(merged::addAll);
    return merged;
  }

  @Override
  public List<ClickEvent> extractOutput(List<ClickEvent> events) {
    List<ClickEvent> sorted = new ArrayList<>(events);
    sorted.sort(ClickEvent.BY_TIME_THEN_CONTENT);
    return sorted;
  }

  @Override
  public Coder<List<ClickEvent>> getAccumulatorCoder(
      CoderRegistry registry, Coder<ClickEvent> input) throws CannotProvideCoderException {
    return ListCoder.of(ClickEventCoder.of());
  }

  @Override
  public Coder<List<ClickEvent>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<ClickEvent> input) throws CannotProvideCoderException {
    return ListCoder.of(ClickEventCoder.of());
  }
}
