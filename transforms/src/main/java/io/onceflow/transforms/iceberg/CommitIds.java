package io.onceflow.transforms.iceberg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The first layer of an upsert's idempotence: a batch's commit id is a hash of its rows, stored in
 * the snapshot summary under {@value #COMMIT_ID}; a batch whose id is in the table's history is
 * skipped (a retried bundle after a successful commit, or a commit whose outcome was unknown). The
 * id depends only on the table and the rows' values, not on their order or Java shapes, so another
 * worker retrying the same bundle finds it too.
 */
final class CommitIds {

  static final String COMMIT_ID = "onceflow.commit-id";

  private CommitIds() {}

  /** A hash of the table and the batch's rows, in a canonical order. */
  static String of(TableIdentifier table, Schema schema, Collection<Record> rows) {
    List<String> lines = new ArrayList<>(rows.size());
    for (Record r : rows) {
      StringBuilder line = new StringBuilder();
      for (Types.NestedField f : schema.columns()) {
        line.append(f.name())
            .append('=')
            .append(RowValues.normalize(r.getField(f.name())))
            .append('\u0001');
      }
      lines.add(line.toString());
    }
    lines.sort(null);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(table.toString().getBytes(StandardCharsets.UTF_8));
      for (String line : lines) {
        sha.update((byte) '\n');
        sha.update(line.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * True if a snapshot of the table's current history (the current snapshot and its ancestors, as
   * last loaded or refreshed) carries {@code id}.
   */
  static boolean isInHistory(Table table, String id) {
    for (Snapshot s : SnapshotUtil.currentAncestors(table)) {
      if (id.equals(s.summary().get(COMMIT_ID))) {
        return true;
      }
    }
    return false;
  }
}
