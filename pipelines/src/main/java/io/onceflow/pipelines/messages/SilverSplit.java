package io.onceflow.pipelines.messages;

import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The silver layer: each bronze message to exactly one of {@link #MESSAGES} (a valid event type)
 * and {@link #CORRUPTED} (event type null, empty or {@code NONE}), as a {@link SilverMessagesTable}
 * row with its country name from the {@link Countries} reference. An id the reference does not have
 * keeps the row, with a null country (a left join, as in the notebook).
 *
 * <p>The reference is fixed and 16 rows long, so the step carries it (a map, serialized with the
 * DoFn) instead of reading it as a side input. A side input cost more than its size on Flink: the
 * runner holds the main input's watermark until the side input is ready, and in the TestStream
 * scenarios every watermark step before the end reached the daily report as one jump, so no on-time
 * pane came before a late one (measured in {@code FlinkRunnerMessagesIT}: 3 of 4 scenarios failed
 * that way with the side input, none without). The valid messages also leave, unchanged, on {@link
 * #VALID}, for the gold reports.
 */
public final class SilverSplit extends PTransform<PCollection<Message>, PCollectionTuple> {

  public static final TupleTag<Row> MESSAGES = new TupleTag<>() {};
  public static final TupleTag<Row> CORRUPTED = new TupleTag<>() {};
  public static final TupleTag<Message> VALID = new TupleTag<>() {};

  private SilverSplit() {}

  public static SilverSplit of() {
    return new SilverSplit();
  }

  @Override
  public PCollectionTuple expand(PCollection<Message> bronze) {
    PCollectionTuple out =
        bronze.apply(
            "SplitAndEnrich",
            ParDo.of(new SplitFn(new TreeMap<>(Countries.BY_ID)))
                .withOutputTags(MESSAGES, TupleTagList.of(CORRUPTED).and(VALID)));
    out.get(MESSAGES).setRowSchema(SilverMessagesTable.SCHEMA);
    out.get(CORRUPTED).setRowSchema(SilverMessagesTable.SCHEMA);
    out.get(VALID).setCoder(MessageCoder.of());
    return out;
  }

  private static final class SplitFn extends DoFn<Message, Row> {
    private final TreeMap<Integer, String> countries;

    SplitFn(TreeMap<Integer, String> countries) {
      this.countries = countries;
    }

    @ProcessElement
    public void process(@Element Message m, ProcessContext c) {
      Row row = SilverMessagesTable.row(m, countries.get(m.countryId));
      if (m.isCorrupted()) {
        c.output(CORRUPTED, row);
      } else {
        c.output(row);
        c.output(VALID, m);
      }
    }
  }
}
