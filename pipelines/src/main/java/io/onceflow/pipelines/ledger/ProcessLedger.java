package io.onceflow.pipelines.ledger;

import io.onceflow.transforms.deadletter.DeadLetter;
import io.onceflow.transforms.dedup.Conflict;
import io.onceflow.transforms.dedup.Counted;
import io.onceflow.transforms.dedup.DedupRule;
import io.onceflow.transforms.dedup.Deduplicate;
import io.onceflow.transforms.parse.ParseRecords;
import io.onceflow.transforms.windowing.RunningPanes;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * The ledger from raw records to what its tables hold: parse and validate ({@link
 * LedgerJsonParser}; a rejected record is a {@link DeadLetter}), dedup by {@code transaction_id}
 * keeping the greatest version ({@link LedgerVersion}; an exact copy is a duplicate, any other
 * version a conflict), then two running aggregates over what the dedup counts and reports, each a
 * pane every {@code paneInterval} of processing time in the global window: the summary ({@link
 * LedgerSummaryFn}) and the versions of each conflicting id ({@link ConflictVersionsFn}).
 */
public final class ProcessLedger
    extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {

  /** Each version the dedup kept, and a retraction of each version a later one beat. */
  public static final TupleTag<Counted<LedgerEntry>> COUNTED = new TupleTag<>() {};

  /** Exact copies of a kept version. */
  public static final TupleTag<LedgerEntry> DUPLICATES = new TupleTag<>() {};

  /** Per conflicting {@code transaction_id}, its distinct versions, the winner first. */
  public static final TupleTag<KV<String, List<LedgerEntry>>> CONFLICTS = new TupleTag<>() {};

  /** The summary's lines, every group, per pane. */
  public static final TupleTag<SummaryLine> SUMMARY = new TupleTag<>() {};

  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  private final String pipeline;
  private final Duration dedupRetention;
  private final int dedupShards;
  private final Duration paneInterval;

  private ProcessLedger(
      String pipeline, Duration dedupRetention, int dedupShards, Duration paneInterval) {
    this.pipeline = pipeline;
    this.dedupRetention = dedupRetention;
    this.dedupShards = dedupShards;
    this.paneInterval = paneInterval;
  }

  /** For {@code pipeline} (the dead letters' name), with the dedup's retention and shards. */
  public static ProcessLedger of(
      String pipeline, Duration dedupRetention, int dedupShards, Duration paneInterval) {
    return new ProcessLedger(pipeline, dedupRetention, dedupShards, paneInterval);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> records) {
    ParseRecords<LedgerEntry> parse =
        ParseRecords.with(
            pipeline, LedgerJsonParser::parse, e -> e.eventTimestamp, LedgerEntryCoder.of());
    PCollectionTuple parsed = records.apply("Parse", parse);

    Deduplicate<LedgerEntry> dedup =
        Deduplicate.by(
                (LedgerEntry e) -> e.transactionId,
                e -> e.eventTimestamp,
                DedupRule.keepBest(new LedgerVersion()),
                dedupRetention)
            .withShards(dedupShards);
    PCollectionTuple deduped = parsed.get(parse.parsed()).apply("Deduplicate", dedup);
    PCollection<Counted<LedgerEntry>> counted = deduped.get(dedup.counted());

    PCollection<SummaryLine> summary =
        counted
            .apply("SummaryPanes", RunningPanes.<Counted<LedgerEntry>>every(paneInterval))
            .apply(
                "OneLedger",
                WithKeys.<String, Counted<LedgerEntry>>of(pipeline)
                    .withKeyType(TypeDescriptors.strings()))
            .apply("Summarize", Combine.perKey(new LedgerSummaryFn()))
            .apply("SummaryLines", ParDo.of(new SummaryLinesFn()))
            .setCoder(SerializableCoder.of(SummaryLine.class));

    PCollection<KV<String, List<LedgerEntry>>> conflicts =
        deduped
            .get(dedup.conflicts())
            .apply("ConflictPanes", RunningPanes.<Conflict<LedgerEntry>>every(paneInterval))
            .apply(
                "ByTransactionId",
                WithKeys.of((Conflict<LedgerEntry> c) -> c.key)
                    .withKeyType(TypeDescriptors.strings()))
            .apply("CollectVersions", Combine.perKey(new ConflictVersionsFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(LedgerEntryCoder.of())));

    return PCollectionTuple.of(COUNTED, counted)
        .and(DUPLICATES, deduped.get(dedup.duplicates()))
        .and(CONFLICTS, conflicts)
        .and(SUMMARY, summary)
        .and(DEAD_LETTERS, parsed.get(parse.deadLetters()));
  }

  /** The pane's lines, stamped with its index (a version column of the summary table). */
  private static final class SummaryLinesFn
      extends DoFn<KV<String, List<SummaryLine>>, SummaryLine> {
    @ProcessElement
    public void process(
        @Element KV<String, List<SummaryLine>> pane,
        PaneInfo info,
        OutputReceiver<SummaryLine> out) {
      for (SummaryLine line : pane.getValue()) {
        out.output(line.inPane(info.getIndex()));
      }
    }
  }
}
