package io.onceflow.pipelines.clickstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceflow.transforms.IncompatibleTableException;
import io.onceflow.transforms.iceberg.TableRows;
import io.onceflow.transforms.iceberg.UpsertTable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.joda.time.Instant;

/**
 * The {@code user_state} table: one row per {@code user_id} holding the newest {@link UserState}.
 * "Newest" is {@code total_events}: it grows with every event the state has counted, and a row's
 * values depend only on which events those are, so a replay from the earliest offset with fresh
 * state recomputes rows the table already holds (not strictly newer: nothing written) until it has
 * counted more. Not sealed: a user can always come back.
 *
 * <p>{@code session_ids} is the user's distinct session ids, sorted, as a JSON array of strings:
 * what {@code session_count} counts, and what an available-now run needs to continue the state from
 * the table ({@link #read}) without counting a session it has seen as new.
 */
public final class UserStateTable {

  public static final String NAME = "user_state";

  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("user_id")
          .addInt64Field("total_events")
          .addInt64Field("click_count")
          .addInt64Field("purchase_count")
          .addInt64Field("session_count")
          .addStringField("session_ids")
          .addDateTimeField("first_seen")
          .addDateTimeField("last_seen")
          .addDateTimeField("updated_at")
          .build();

  private UserStateTable() {}

  /** The table {@code name} (default {@link #NAME}) in {@code namespace}. */
  public static UpsertTable in(String namespace, String name) {
    return UpsertTable.named(namespace, name, "user_id").versionedBy("total_events");
  }

  /** Rows, stamped with the time they were made ({@code updated_at}). */
  public static PTransform<PCollection<UserState>, PCollection<Row>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<Row> expand(PCollection<UserState> values) {
        return values.apply("ToTableRow", ParDo.of(new ToRowFn())).setRowSchema(SCHEMA);
      }
    };
  }

  /** The states the table held at {@code snapshotId}, by user. */
  static Map<String, UserState> read(Table table, long snapshotId) {
    Map<String, UserState> states = new TreeMap<>();
    TableRows.forEachAt(
        table,
        snapshotId,
        r -> {
          UserState s =
              new UserState(
                  (String) TableRows.value(r, "user_id"),
                  (Long) TableRows.value(r, "total_events"),
                  (Long) TableRows.value(r, "click_count"),
                  (Long) TableRows.value(r, "purchase_count"),
                  sessionIds((String) TableRows.value(r, "session_ids")),
                  instant(r, "first_seen"),
                  instant(r, "last_seen"));
          long stored = (Long) TableRows.value(r, "session_count");
          if (stored != s.sessionCount) {
            throw new IncompatibleTableException(
                table.name()
                    + ": user "
                    + s.userId
                    + " has session_count "
                    + stored
                    + " but "
                    + s.sessionCount
                    + " session_ids; the table was not written by this pipeline");
          }
          states.put(s.userId, s);
        });
    return states;
  }

  static String sessionIdsJson(List<String> ids) {
    try {
      return JSON.writeValueAsString(ids);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("session ids " + ids + " as JSON", e);
    }
  }

  static SortedSet<String> sessionIds(String json) {
    try {
      return new TreeSet<>(JSON.readValue(json, new TypeReference<List<String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IncompatibleTableException(
          "user_state's session_ids is not a JSON array of strings ("
              + e.getOriginalMessage()
              + "): "
              + json);
    }
  }

  private static Instant instant(Record r, String column) {
    return new Instant(((OffsetDateTime) TableRows.value(r, column)).toInstant().toEpochMilli());
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final class ToRowFn extends DoFn<UserState, Row> {
    @ProcessElement
    public void process(@Element UserState s, OutputReceiver<Row> out) {
      out.output(
          Row.withSchema(SCHEMA)
              .addValues(
                  s.userId,
                  s.totalEvents,
                  s.clickCount,
                  s.purchaseCount,
                  s.sessionCount,
                  sessionIdsJson(s.sessionIds),
                  s.firstSeen,
                  s.lastSeen,
                  Instant.now())
              .build());
    }
  }
}
