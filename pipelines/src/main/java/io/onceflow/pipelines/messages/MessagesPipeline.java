package io.onceflow.pipelines.messages;

import io.onceflow.pipelines.RunnerProfile;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.dedup.DedupOptions;
import io.onceflow.transforms.iceberg.IcebergCatalogConfig;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.UpsertSinkOptions;
import io.onceflow.transforms.iceberg.UpsertTable;
import io.onceflow.transforms.iceberg.WriteUpserts;
import io.onceflow.transforms.io.RateRecords;
import io.onceflow.transforms.io.ReadRecords;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * The messages pipeline (SEEDS §3): message events from Kafka, files or the built-in rate source
 * through bronze ({@code messages_bronze}), silver ({@code messages}, {@code messages_corrupted})
 * and gold ({@code report_channel_daily}, {@code report_user_channels}) in one exactly-once stream
 * ({@link ProcessMessages}), every table through the exactly-once upsert sink.
 */
public final class MessagesPipeline {

  public static final String NAME = "messages";

  /**
   * The dedup's memory unless {@code --dedupRetentionHours} is given: 30 days. The notebook keeps
   * the first occurrence over all time, and the key space (50 message ids x 5 event types x 5
   * channels) is so small that a long memory costs next to nothing; the core's default (a day)
   * would not even cover a day's window and its lateness.
   */
  static final int DEFAULT_DEDUP_RETENTION_HOURS = 720;

  private MessagesPipeline() {}

  /** Parses and validates the options, after the runner profile ({@code --profile=...}). */
  public static MessagesPipelineOptions options(String[] args) {
    MessagesPipelineOptions options =
        CommandOptions.parse(withDefaults(args), MessagesPipelineOptions.class);
    MessagesPipelineOptionsCheck.check(options);
    return options;
  }

  /**
   * {@code args} after the runner profile, with {@link #DEFAULT_DEDUP_RETENTION_HOURS} unless they
   * name a retention.
   */
  static String[] withDefaults(String[] args) {
    String[] profiled = RunnerProfile.apply(args);
    if (Arrays.stream(profiled).anyMatch(a -> a.startsWith("--dedupRetentionHours"))) {
      return profiled;
    }
    return Stream.concat(
            Stream.of("--dedupRetentionHours=" + DEFAULT_DEDUP_RETENTION_HOURS),
            Arrays.stream(profiled))
        .toArray(String[]::new);
  }

  public static PipelineResult run(MessagesPipelineOptions options) {
    Pipeline p = Pipeline.create(options);
    build(p, options);
    return p.run();
  }

  /** The raw records of the source the options name. */
  static PCollection<KV<String, String>> read(Pipeline p, MessagesPipelineOptions o) {
    if (RateRecords.selected(o)) {
      return p.apply("Rate", RateRecords.from(o, MessageRecords::at));
    }
    return p.apply(
        "Read",
        ReadRecords.from(
            o,
            NAME,
            ReadRecords.eventTimeBy(
                raw -> MessageJsonParser.parse("", raw), (Message m) -> m.timestamp)));
  }

  static void build(Pipeline p, MessagesPipelineOptions o) {
    IcebergCatalogConfig catalog = IcebergCatalogOptions.catalog(o);
    Duration commitInterval = UpsertSinkOptions.commitInterval(o);
    String ns = o.getNamespace();

    PCollectionTuple layers =
        read(p, o)
            .apply(
                "Messages",
                ProcessMessages.of(
                    NAME,
                    DedupOptions.retention(o),
                    o.getDedupShards(),
                    ChannelDailyReport.of(
                        Duration.standardMinutes(o.getAllowedLatenessMinutes()),
                        Duration.standardSeconds(o.getEarlyFiringSeconds())),
                    UserChannelsReport.every(Duration.standardSeconds(o.getTriggerSeconds()))));

    write(
        layers.get(ProcessMessages.BRONZE).apply("BronzeRows", MessagesBronzeTable.rows()),
        "Bronze",
        catalog,
        MessagesBronzeTable.in(ns, o.getBronzeTable()),
        commitInterval);
    write(
        layers.get(ProcessMessages.MESSAGES),
        "Messages",
        catalog,
        SilverMessagesTable.in(ns, o.getMessagesTable()),
        commitInterval);
    write(
        layers.get(ProcessMessages.CORRUPTED),
        "Corrupted",
        catalog,
        SilverMessagesTable.in(ns, o.getCorruptedTable()),
        commitInterval);
    write(
        layers.get(ProcessMessages.CHANNEL_DAILY),
        "ChannelReport",
        catalog,
        // A differently sharded keep-first dedup restored from a checkpoint would count again.
        ChannelDailyReportTable.in(ns, o.getChannelReportTable())
            .recordsOption("dedupShards", o.getDedupShards()),
        commitInterval);
    write(
        layers.get(ProcessMessages.USER_CHANNELS),
        "UserReport",
        catalog,
        UserChannelsReportTable.in(ns, o.getUserReportTable())
            .recordsOption("dedupShards", o.getDedupShards()),
        commitInterval);
    write(
        layers.get(ProcessMessages.TOO_LATE).apply("LateRows", LateMessagesTable.rows()),
        "Late",
        catalog,
        LateMessagesTable.in(ns, o.getLateTable()),
        commitInterval);
    write(
        layers.get(ProcessMessages.DEAD_LETTERS).apply("DeadLetterRows", DeadLettersTable.rows()),
        "DeadLetters",
        catalog,
        DeadLettersTable.in(ns),
        commitInterval);
  }

  private static void write(
      PCollection<Row> rows,
      String step,
      IcebergCatalogConfig catalog,
      UpsertTable table,
      Duration commitInterval) {
    rows.apply("Write" + step, WriteUpserts.to(catalog, table).withCommitInterval(commitInterval));
  }
}
