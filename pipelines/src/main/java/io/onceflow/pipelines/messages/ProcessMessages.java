package io.onceflow.pipelines.messages;

import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.dedup.DedupRule;
import io.onceflow.transforms.dedup.Deduplicate;
import io.onceflow.transforms.parse.ParseRecords;
import java.util.Comparator;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;

/**
 * The three layers in one stream, from raw records to what the tables hold. Bronze: every record
 * parsed ({@link MessageJsonParser}; a record that does not parse is a {@link DeadLetter}). Silver:
 * each bronze message split and enriched ({@link SilverSplit}). Gold: the valid messages
 * deduplicated on {@code (message_id, event_type, channel)} keeping the first occurrence by
 * timestamp ({@link DedupRule#keepFirst}; ties by content, so the winner never depends on arrival
 * order, and a first occurrence that arrives last retracts the one counted before it), then the two
 * reports ({@link ChannelDailyReport}, {@link UserChannelsReport}).
 *
 * <p>Why silver and gold are not separate jobs reading bronze (the notebook's shape). Beam's
 * io-iceberg 2.67 does have a streaming read of new snapshots ({@code
 * IcebergIO.readRows(...).streaming(true)}: {@code Watch} polls the table, then an incremental
 * append scan), but that scan plans only {@code append} snapshots and skips every other one
 * ("Skipping non-append snapshot"), while the upsert sink commits row deltas with equality deletes
 * (overwrite snapshots): rows would be missed. And {@code Watch} is an unbounded splittable DoFn,
 * which the classic Spark runner's streaming translation does not run (it translates unbounded
 * reads only as unbounded sources). Reading the same stream in one job gives every layer the same
 * records exactly once on every runner, and the counts reconcile by construction: bronze = messages
 * + messages_corrupted.
 */
public final class ProcessMessages
    extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {

  public static final TupleTag<Message> BRONZE = new TupleTag<>() {};
  public static final TupleTag<Row> MESSAGES = new TupleTag<>() {};
  public static final TupleTag<Row> CORRUPTED = new TupleTag<>() {};
  public static final TupleTag<Message> DUPLICATES = new TupleTag<>() {};
  public static final TupleTag<Row> CHANNEL_DAILY = new TupleTag<>() {};
  public static final TupleTag<Row> USER_CHANNELS = new TupleTag<>() {};
  public static final TupleTag<Counted<Message>> TOO_LATE = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  /**
   * Ties between occurrences at the same timestamp: by content, never by source position, so that
   * an exact copy read at two positions is one occurrence whichever is read first.
   */
  static final SerializableComparator<Message> CONTENT =
      (a, b) ->
          Comparator.<Message, String>comparing(m -> m.value)
              .thenComparingInt(m -> m.userId)
              .thenComparingInt(m -> m.countryId)
              .compare(a, b);

  private final String pipeline;
  private final Duration dedupRetention;
  private final int dedupShards;
  private final ChannelDailyReport channelDaily;
  private final UserChannelsReport userChannels;

  private ProcessMessages(
      String pipeline,
      Duration dedupRetention,
      int dedupShards,
      ChannelDailyReport channelDaily,
      UserChannelsReport userChannels) {
    this.pipeline = pipeline;
    this.dedupRetention = dedupRetention;
    this.dedupShards = dedupShards;
    this.channelDaily = channelDaily;
    this.userChannels = userChannels;
  }

  public static ProcessMessages of(
      String pipeline,
      Duration dedupRetention,
      int dedupShards,
      ChannelDailyReport channelDaily,
      UserChannelsReport userChannels) {
    return new ProcessMessages(pipeline, dedupRetention, dedupShards, channelDaily, userChannels);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> records) {
    ParseRecords<Message> parse =
        ParseRecords.withPosition(
            pipeline, MessageJsonParser::parse, m -> m.timestamp, MessageCoder.of());
    PCollectionTuple parsed = records.apply("Parse", parse);
    PCollection<Message> bronze = parsed.get(parse.parsed());

    PCollectionTuple silver = bronze.apply("Silver", SilverSplit.of());

    Deduplicate<Message> dedup =
        Deduplicate.by(
                Message::dedupKey,
                m -> m.timestamp,
                DedupRule.keepFirst(m -> m.timestamp, CONTENT),
                dedupRetention)
            .withShards(dedupShards);
    PCollectionTuple deduped = silver.get(SilverSplit.VALID).apply("KeepFirst", dedup);
    PCollection<Counted<Message>> counted = deduped.get(dedup.counted());

    PCollectionTuple daily = counted.apply("ChannelDaily", channelDaily);
    PCollection<Row> users = counted.apply("UserChannels", userChannels);

    return PCollectionTuple.of(BRONZE, bronze)
        .and(MESSAGES, silver.get(SilverSplit.MESSAGES))
        .and(CORRUPTED, silver.get(SilverSplit.CORRUPTED))
        .and(DUPLICATES, deduped.get(dedup.duplicates()))
        .and(CHANNEL_DAILY, daily.get(ChannelDailyReport.REPORT))
        .and(USER_CHANNELS, users)
        .and(TOO_LATE, daily.get(ChannelDailyReport.TOO_LATE))
        .and(DEAD_LETTERS, parsed.get(parse.deadLetters()));
  }
}
