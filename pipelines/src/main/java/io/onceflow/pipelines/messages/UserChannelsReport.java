package io.onceflow.pipelines.messages;

import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.windowing.RunningPanes;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Gold report 2, {@code report_user_channels}: per user, the first occurrences by channel and their
 * total ({@code iterations}), over all time. Windowing: the global window with a processing-time
 * trigger ({@link RunningPanes}): a pane {@code every} interval after the first change since the
 * last one, accumulating. Nothing is late in the global window, so this report also counts the
 * messages that were too late for their day in {@code report_channel_daily}; a retraction is
 * applied whenever it arrives.
 */
public final class UserChannelsReport
    extends PTransform<PCollection<Counted<Message>>, PCollection<Row>> {

  private final Duration every;

  private UserChannelsReport(Duration every) {
    this.every = every;
  }

  public static UserChannelsReport every(Duration every) {
    return new UserChannelsReport(every);
  }

  @Override
  public PCollection<Row> expand(PCollection<Counted<Message>> counted) {
    return counted
        .apply("RunningPanes", RunningPanes.<Counted<Message>>every(every))
        .apply(
            "ByUser",
            WithKeys.of((Counted<Message> m) -> m.value.userId)
                .withKeyType(TypeDescriptors.integers()))
        .apply("CountChannels", Combine.perKey(new TallyFn(m -> m.channel)))
        .apply("ToReportRow", ParDo.of(new ToRowFn()))
        .setRowSchema(UserChannelsReportTable.SCHEMA);
  }

  private static final class ToRowFn extends DoFn<KV<Integer, Tally>, Row> {
    @ProcessElement
    public void process(@Element KV<Integer, Tally> tally, PaneInfo pane, OutputReceiver<Row> out) {
      out.output(UserChannelsReportTable.row(tally.getKey(), tally.getValue(), pane.getIndex()));
    }
  }
}
