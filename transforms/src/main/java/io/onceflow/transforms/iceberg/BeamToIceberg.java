package io.onceflow.transforms.iceberg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.joda.time.ReadableInstant;

/**
 * Beam schemas and rows as Iceberg schemas and records. Money is {@code decimal(18,2)}: every Beam
 * DECIMAL becomes one (Beam's own IcebergIO 2.67 turns DECIMAL into a string), and a value that
 * needs more than two decimals is an error, not a rounding. A Beam {@link FixedPrecisionNumeric}
 * becomes a decimal of its own precision and scale, under the same rule.
 */
final class BeamToIceberg {

  static final int MONEY_PRECISION = 18;
  static final int MONEY_SCALE = 2;

  private static final Pattern TRANSFORM =
      Pattern.compile("(\\w+)\\(\\s*(?:(\\d+)\\s*,\\s*)?(\\w+)\\s*\\)");

  private BeamToIceberg() {}

  static Schema schema(org.apache.beam.sdk.schemas.Schema beam, List<String> keyColumns) {
    List<Types.NestedField> fields = new ArrayList<>();
    Set<Integer> identifiers = new HashSet<>();
    int id = 1;
    for (Field f : beam.getFields()) {
      boolean key = keyColumns.contains(f.getName());
      if (key && f.getType().getNullable()) {
        throw new IllegalArgumentException("key column '" + f.getName() + "' must not be nullable");
      }
      Type type = type(f);
      fields.add(
          f.getType().getNullable()
              ? Types.NestedField.optional(id, f.getName(), type)
              : Types.NestedField.required(id, f.getName(), type));
      if (key) {
        identifiers.add(id);
      }
      id++;
    }
    for (String k : keyColumns) {
      if (!beam.hasField(k)) {
        throw new IllegalArgumentException(
            "key column '" + k + "' is not in the rows' schema " + beam.getFieldNames());
      }
    }
    return new Schema(fields, identifiers);
  }

  private static Type type(Field f) {
    FieldType t = f.getType();
    switch (t.getTypeName()) {
      case STRING:
        return Types.StringType.get();
      case INT64:
        return Types.LongType.get();
      case INT32:
        return Types.IntegerType.get();
      case BOOLEAN:
        return Types.BooleanType.get();
      case DOUBLE:
        return Types.DoubleType.get();
      case DECIMAL:
        return Types.DecimalType.of(MONEY_PRECISION, MONEY_SCALE);
      case DATETIME:
        return Types.TimestampType.withZone();
      case LOGICAL_TYPE:
        if (FixedPrecisionNumeric.IDENTIFIER.equals(t.getLogicalType().getIdentifier())) {
          // A decimal of the caller's precision and scale (an average that keeps more scale than
          // money), checked on write like money: more decimals than the scale is an error.
          Row precisionAndScale = t.getLogicalType().getArgument();
          return Types.DecimalType.of(
              precisionAndScale.getInt32("precision"), precisionAndScale.getInt32("scale"));
        }
        throw new IllegalArgumentException(
            "column '"
                + f.getName()
                + "' has type "
                + t
                + ", which the upsert sink does not map to Iceberg");
      default:
        throw new IllegalArgumentException(
            "column '"
                + f.getName()
                + "' has type "
                + t
                + ", which the upsert sink does not map to Iceberg");
    }
  }

  static PartitionSpec partitionSpec(Schema schema, List<String> fields) {
    PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
    for (String field : fields) {
      Matcher m = TRANSFORM.matcher(field.trim());
      if (!m.matches()) {
        spec.identity(field.trim());
        continue;
      }
      String column = m.group(3);
      switch (m.group(1)) {
        case "identity" -> spec.identity(column);
        case "year" -> spec.year(column);
        case "month" -> spec.month(column);
        case "day" -> spec.day(column);
        case "hour" -> spec.hour(column);
        case "bucket" -> spec.bucket(column, Integer.parseInt(requireWidth(field, m.group(2))));
        case "truncate" -> spec.truncate(column, Integer.parseInt(requireWidth(field, m.group(2))));
        default ->
            throw new IllegalArgumentException("unknown partition transform in '" + field + "'");
      }
    }
    return spec.build();
  }

  private static String requireWidth(String field, String width) {
    if (width == null) {
      throw new IllegalArgumentException(
          "partition field '" + field + "' needs a width, e.g. bucket(16, col)");
    }
    return width;
  }

  static Record record(Schema schema, Row row) {
    GenericRecord record = GenericRecord.create(schema);
    for (Types.NestedField f : schema.columns()) {
      Object value = row.getValue(f.name());
      record.setField(f.name(), value == null ? null : value(f, value));
    }
    return record;
  }

  private static Object value(Types.NestedField f, Object value) {
    switch (f.type().typeId()) {
      case TIMESTAMP:
        return OffsetDateTime.ofInstant(
            java.time.Instant.ofEpochMilli(((ReadableInstant) value).getMillis()), ZoneOffset.UTC);
      case DECIMAL:
        BigDecimal d = (BigDecimal) value;
        int scale = ((Types.DecimalType) f.type()).scale();
        if (d.scale() > scale && d.setScale(scale, RoundingMode.DOWN).compareTo(d) != 0) {
          throw new IllegalArgumentException(
              "column '" + f.name() + "': " + d + " has more than " + scale + " decimals");
        }
        BigDecimal scaled = d.setScale(scale, RoundingMode.UNNECESSARY);
        if (scaled.precision() > ((Types.DecimalType) f.type()).precision()) {
          throw new IllegalArgumentException(
              "column '" + f.name() + "': " + d + " does not fit " + f.type());
        }
        return scaled;
      default:
        return value;
    }
  }

  /** Why an existing table cannot take rows of {@code expected}, or null when it can. */
  static String incompatibility(Schema existing, Schema expected, List<String> keyColumns) {
    List<String> problems = new ArrayList<>();
    for (Types.NestedField f : expected.columns()) {
      Types.NestedField e = existing.findField(f.name());
      if (e == null) {
        problems.add("missing column " + f.name() + " " + f.type());
      } else if (!e.type().equals(f.type())) {
        problems.add("column " + f.name() + " is " + e.type() + ", rows have " + f.type());
      } else if (e.isRequired() && f.isOptional()) {
        problems.add("column " + f.name() + " is required, rows may hold null");
      }
    }
    for (Types.NestedField e : existing.columns()) {
      if (e.isRequired() && expected.findField(e.name()) == null) {
        problems.add("required column " + e.name() + " is not in the rows");
      }
    }
    Set<String> identifiers = new HashSet<>(existing.identifierFieldNames());
    if (!identifiers.equals(new HashSet<>(keyColumns))) {
      problems.add("identifier fields are " + identifiers + ", the sink keys by " + keyColumns);
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }
}
