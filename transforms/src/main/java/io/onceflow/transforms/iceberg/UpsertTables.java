package io.onceflow.transforms.iceberg;

import io.onceflow.transforms.IncompatibleTableException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/** Creates an upsert table that is missing, and refuses one that cannot take the sink's rows. */
final class UpsertTables {

  private UpsertTables() {}

  static Table createOrValidate(
      Catalog catalog, UpsertTable spec, org.apache.beam.sdk.schemas.Schema rows) {
    Schema expected = BeamToIceberg.schema(rows, spec.keyColumns);
    for (String c : spec.versionColumns) {
      if (expected.findField(c) == null) {
        throw new IllegalArgumentException(
            "version column '"
                + c
                + "' of "
                + spec.identifier()
                + " is not in the rows' schema "
                + rows.getFieldNames());
      }
    }
    for (String c : spec.notCompared == null ? List.<String>of() : spec.notCompared) {
      if (expected.findField(c) == null) {
        throw new IllegalArgumentException(
            "not-compared column '"
                + c
                + "' of "
                + spec.identifier()
                + " is not in the rows' schema "
                + rows.getFieldNames());
      }
    }
    if (spec.sealColumn != null
        && (expected.findField(spec.sealColumn) == null
            || expected.findField(spec.sealColumn).type().typeId()
                != org.apache.iceberg.types.Type.TypeID.BOOLEAN)) {
      throw new IllegalArgumentException(
          "seal column '"
              + spec.sealColumn
              + "' of "
              + spec.identifier()
              + " is not a boolean of the rows' schema "
              + rows.getFieldNames());
    }
    Table table;
    try {
      table = catalog.loadTable(spec.identifier());
    } catch (NoSuchTableException e) {
      table = create(catalog, spec, expected);
    }
    String problem = BeamToIceberg.incompatibility(table.schema(), expected, spec.keyColumns);
    if (problem == null && formatVersion(table) < 2) {
      problem =
          "format version "
              + formatVersion(table)
              + " has no row-level deletes; upserts need format version 2";
    }
    if (problem != null) {
      throw new IncompatibleTableException(
          "Iceberg table " + spec.identifier() + " exists but cannot take these rows: " + problem);
    }
    checkRecordedOptions(table, spec);
    return table;
  }

  /**
   * Refuses a run whose options differ from those the table's rows were made with; records the
   * run's where the table has none yet (a table created before they were recorded).
   */
  static void checkRecordedOptions(Table table, UpsertTable spec) {
    UpdateProperties missing = null;
    for (Map.Entry<String, String> option : spec.recordedOptions().entrySet()) {
      String property = UpsertTable.OPTION_PROPERTY_PREFIX + option.getKey();
      String stored = table.properties().get(property);
      if (stored == null) {
        missing = missing == null ? table.updateProperties() : missing;
        missing.set(property, option.getValue());
      } else if (!stored.equals(option.getValue())) {
        throw new IncompatibleTableException(
            "--"
                + option.getKey()
                + "="
                + option.getValue()
                + ": table "
                + spec.identifier()
                + " was made with --"
                + option.getKey()
                + "="
                + stored
                + ", and rows of both would mean different things side by side. Run with --"
                + option.getKey()
                + "="
                + stored
                + ", or write to a fresh namespace (--namespace=...) and replay the source from"
                + " the earliest offset.");
      }
    }
    if (missing != null) {
      missing.commit();
    }
  }

  private static Table create(Catalog catalog, UpsertTable spec, Schema schema) {
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(spec.identifier().namespace())) {
      try {
        namespaces.createNamespace(spec.identifier().namespace());
      } catch (AlreadyExistsException raced) {
        // Another writer created it first: what we wanted.
      }
    }
    Map<String, String> properties = new HashMap<>(spec.properties);
    properties.putIfAbsent(TableProperties.FORMAT_VERSION, "2");
    properties.putIfAbsent(TableProperties.DELETE_MODE, "merge-on-read");
    properties.putIfAbsent(TableProperties.UPDATE_MODE, "merge-on-read");
    properties.putIfAbsent(TableProperties.MERGE_MODE, "merge-on-read");
    try {
      return catalog.createTable(
          spec.identifier(),
          schema,
          BeamToIceberg.partitionSpec(schema, spec.partitioning),
          properties);
    } catch (AlreadyExistsException raced) {
      return catalog.loadTable(spec.identifier());
    }
  }

  private static int formatVersion(Table table) {
    return table instanceof BaseTable base ? base.operations().current().formatVersion() : 2;
  }
}
