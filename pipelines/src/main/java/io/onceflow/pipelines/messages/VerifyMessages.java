package io.onceflow.pipelines.messages;

import io.onceflow.pipelines.GroundTruthFiles;
import io.onceflow.transforms.CommandOptions;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import io.onceflow.transforms.iceberg.IcebergCatalogOptions;
import io.onceflow.transforms.iceberg.TableRows;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@code onceflow verify messages}: the notebook's check (bronze rows = messages +
 * messages_corrupted), then that every bronze row is in exactly one silver table (by source
 * position) and in the right one, that the gold reports equal a recomputation from the generator's
 * ground truth row for row, and that every record is accounted for: dead letters + bronze =
 * records, and of the messages, first occurrences + duplicates, the too-late ones in {@code
 * messages_late}. Prints every difference; false if there is one.
 */
public final class VerifyMessages {

  private VerifyMessages() {}

  public static VerifyMessagesOptions options(String[] args) {
    VerifyMessagesOptions o = CommandOptions.parse(args, VerifyMessagesOptions.class);
    if (o.getGroundTruth().isBlank()) {
      throw new IllegalArgumentException(
          "--groundTruth is required (the directory 'onceflow generate messages' wrote)");
    }
    return o;
  }

  /** True when the tables hold exactly what the ground truth says they must. */
  public static boolean verify(VerifyMessagesOptions o, PrintStream out) throws IOException {
    MessagesGroundTruth truth = MessagesGroundTruth.read(Paths.get(o.getGroundTruth()));
    Catalog catalog = IcebergCatalogOptions.catalog(o).build();
    int problems = 0;

    Set<String> bronze = sources(catalog, o, o.getBronzeTable(), null);
    Map<String, String> firstKeys = new HashMap<>();
    Set<String> messages = sources(catalog, o, o.getMessagesTable(), firstKeys);
    Set<String> corrupted = sources(catalog, o, o.getCorruptedTable(), null);
    problems +=
        check(
            out,
            "bronze = messages + messages_corrupted",
            bronze.size() == messages.size() + corrupted.size(),
            bronze.size() + " != " + messages.size() + " + " + corrupted.size());
    Set<String> both = new HashSet<>(messages);
    both.retainAll(corrupted);
    Set<String> silver = new HashSet<>(messages);
    silver.addAll(corrupted);
    problems +=
        check(
            out,
            "every bronze row in exactly one silver table",
            both.isEmpty() && silver.equals(bronze),
            both.size()
                + " in both, "
                + difference(bronze, silver)
                + " bronze rows in neither, "
                + difference(silver, bronze)
                + " silver rows not in bronze");
    problems += count(out, "messages_bronze rows", truth.count("bronze"), bronze.size());
    problems += count(out, "messages rows", truth.count("messages"), messages.size());
    problems += count(out, "messages_corrupted rows", truth.count("corrupted"), corrupted.size());
    long distinctKeys = new HashSet<>(firstKeys.values()).size();
    problems +=
        count(
            out,
            "duplicates (messages - distinct keys)",
            truth.count("duplicates"),
            messages.size() - distinctKeys);

    Map<String, String> daily = new TreeMap<>();
    long[] emptied = {0};
    TableRows.forEach(
        catalog.loadTable(TableIdentifier.of(o.getNamespace(), o.getChannelReportTable())),
        r -> {
          Map<String, Long> byType = new HashMap<>();
          for (String type : Message.EVENT_TYPES) {
            byType.put(type, (Long) TableRows.value(r, type));
          }
          long total = (Long) TableRows.value(r, "total");
          if (total == 0) {
            emptied[0]++; // everything counted there was retracted by an earlier first occurrence
            return;
          }
          daily.put(
              TableRows.value(r, "date") + "|" + TableRows.value(r, "channel"),
              MessagesGroundTruth.channelRow(byType, total));
        });
    problems += compare(out, o.getChannelReportTable(), truth.channelDaily, daily);

    Map<String, String> users = new TreeMap<>();
    TableRows.forEach(
        catalog.loadTable(TableIdentifier.of(o.getNamespace(), o.getUserReportTable())),
        r -> {
          Map<String, Long> byChannel = new HashMap<>();
          for (String channel : Message.CHANNELS) {
            byChannel.put(channel, (Long) TableRows.value(r, channel));
          }
          long iterations = (Long) TableRows.value(r, "iterations");
          if (iterations == 0) {
            emptied[0]++; // the user's every count was retracted by an earlier first occurrence
            return;
          }
          users.put(
              TableRows.value(r, "user_id").toString(),
              MessagesGroundTruth.userRow(iterations, byChannel));
        });
    problems += compare(out, o.getUserReportTable(), truth.userChannels, users);

    long[] late = {0, 0};
    TableRows.forEach(
        catalog.loadTable(TableIdentifier.of(o.getNamespace(), o.getLateTable())),
        r -> late[(Boolean) TableRows.value(r, "retracted") ? 1 : 0]++);
    problems += count(out, o.getLateTable() + " (too late)", truth.count("too_late"), late[0]);
    problems += count(out, o.getLateTable() + " (late retractions)", 0, late[1]);

    long[] deadLetters = {0};
    TableRows.forEach(
        catalog.loadTable(TableIdentifier.of(o.getNamespace(), DeadLettersTable.NAME)),
        r ->
            deadLetters[0] += MessagesPipeline.NAME.equals(TableRows.value(r, "pipeline")) ? 1 : 0);
    problems +=
        count(out, "dead_letters (pipeline messages)", truth.count("malformed"), deadLetters[0]);
    problems +=
        count(out, "records accounted for", truth.count("records"), bronze.size() + deadLetters[0]);

    out.printf(
        "onceflow verify: %s — %d differences (input: %d records = %d dead letters + %d bronze;"
            + " bronze = %d messages + %d corrupted; messages = %d first occurrences + %d"
            + " duplicates; %d first occurrences too late for their day, in %s; %d report rows"
            + " emptied by retractions)%n",
        problems == 0 ? "OK" : "DIFFERENT",
        problems,
        truth.count("records"),
        deadLetters[0],
        bronze.size(),
        messages.size(),
        corrupted.size(),
        distinctKeys,
        messages.size() - distinctKeys,
        late[0],
        o.getLateTable(),
        emptied[0]);
    return problems == 0;
  }

  /** The table's source positions; with {@code keys}, also each row's dedup key by source. */
  private static Set<String> sources(
      Catalog catalog, VerifyMessagesOptions o, String table, Map<String, String> keys) {
    Set<String> sources = new TreeSet<>();
    TableRows.forEach(
        catalog.loadTable(TableIdentifier.of(o.getNamespace(), table)),
        r -> {
          String source = TableRows.value(r, "source").toString();
          sources.add(source);
          if (keys != null) {
            keys.put(
                source,
                TableRows.value(r, "message_id")
                    + "|"
                    + TableRows.value(r, "event_type")
                    + "|"
                    + TableRows.value(r, "channel"));
          }
        });
    return sources;
  }

  private static long difference(Set<String> a, Set<String> b) {
    return a.stream().filter(x -> !b.contains(x)).count();
  }

  private static int check(PrintStream out, String what, boolean ok, String found) {
    out.printf("  check %-48s %s%n", what, ok ? "ok" : "FAILED (" + found + ")");
    return ok ? 0 : 1;
  }

  private static int count(PrintStream out, String what, long expected, long actual) {
    out.printf(
        "  %-54s expected %-8d table %-8d %s%n",
        what, expected, actual, expected == actual ? "ok" : "DIFFERENT");
    return expected == actual ? 0 : 1;
  }

  /** Every key whose row differs, is missing or is not expected, one line each. */
  private static int compare(
      PrintStream out, String table, Map<String, String> expected, Map<String, String> actual) {
    int problems = GroundTruthFiles.printDifferences(out, table, expected, actual);
    out.printf(
        "  %-54s expected %-8d table %-8d %s%n",
        table + " rows equal the recomputation",
        expected.size(),
        actual.size(),
        problems == 0 ? "ok" : problems + " DIFFERENT");
    return problems;
  }
}
