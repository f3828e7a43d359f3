package io.onceflow.pipelines.ledger;

import io.onceflow.transforms.dedup.Conflict;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Every distinct version of one conflicting {@code transaction_id}, greatest ({@link
 * LedgerVersion#ORDER}: the winner) first, from the conflicts the dedup reports. Which pairs the
 * dedup reports depends on arrival order (A, B, C gives B over A and C over B; C, A, B gives C over
 * A and C over B), but every version of a conflicting id is in at least one of them — each loser is
 * discarded by some conflict, the winner kept by one — so the union of the pairs, and this list,
 * depends only on the versions delivered.
 */
final class ConflictVersionsFn
    extends CombineFn<Conflict<LedgerEntry>, List<LedgerEntry>, List<LedgerEntry>> {

  private static final long serialVersionUID = 1L;

  @Override
  public List<LedgerEntry> createAccumulator() {
    return new ArrayList<>();
  }

  @Override
  public List<LedgerEntry> addInput(List<LedgerEntry> acc, Conflict<LedgerEntry> conflict) {
    add(acc, conflict.kept);
    add(acc, conflict.discarded);
    return acc;
  }

  @Override
  public List<LedgerEntry> mergeAccumulators(Iterable<List<LedgerEntry>> accumulators) {
    List<LedgerEntry> merged = createAccumulator();
    for (List<LedgerEntry> acc : accumulators) {
      acc.forEach(v -> add(merged, v));
    }
    return merged;
  }

  @Override
  public List<LedgerEntry> extractOutput(List<LedgerEntry> acc) {
    return new ArrayList<>(acc);
  }

  /** Keeps {@code versions} distinct and greatest first. */
  private static void add(List<LedgerEntry> versions, LedgerEntry v) {
    int i = 0;
    while (i < versions.size()) {
      int cmp = LedgerVersion.ORDER.compare(v, versions.get(i));
      if (cmp == 0) {
        return;
      }
      if (cmp > 0) {
        break;
      }
      i++;
    }
    versions.add(i, v);
  }

  @Override
  public Coder<List<LedgerEntry>> getAccumulatorCoder(
      CoderRegistry registry, Coder<Conflict<LedgerEntry>> inputCoder) {
    return ListCoder.of(LedgerEntryCoder.of());
  }

  @Override
  public Coder<List<LedgerEntry>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<Conflict<LedgerEntry>> inputCoder) {
    return ListCoder.of(LedgerEntryCoder.of());
  }
}
