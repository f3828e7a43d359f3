package io.onceflow.pipelines.transactions;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one line of the seed's CSV ({@value #HEADER}), RFC 4180 style: fields may be quoted, a
 * quote inside a quoted field is doubled, white space around unquoted fields is ignored.
 */
public final class TransactionCsvParser {

  public static final String HEADER = "event_time,processing_time,txn_id,customer_id,amount,status";
  private static final int COLUMNS = 6;

  private TransactionCsvParser() {}

  /** True for the header line, which is skipped rather than rejected. */
  public static boolean isHeader(String line) {
    return line.replace(" ", "").replace("\"", "").equalsIgnoreCase(HEADER);
  }

  public static TransactionEvent parse(String line) throws InvalidTransactionException {
    List<String> f = split(line);
    if (f.size() != COLUMNS) {
      throw new InvalidTransactionException(
          "invalid CSV: expected " + COLUMNS + " columns, found " + f.size());
    }
    return TransactionValidator.validate(
        f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5));
  }

  static List<String> split(String line) throws InvalidTransactionException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        if (!field.toString().isBlank()) {
          throw new InvalidTransactionException(
              "invalid CSV: quote inside an unquoted field at column " + (fields.size() + 1));
        }
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        field.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted && !Character.isWhitespace(c)) {
        throw new InvalidTransactionException(
            "invalid CSV: text after a closing quote at column " + (fields.size() + 1));
      } else if (!wasQuoted) {
        field.append(c);
      }
    }
    if (quoted) {
      throw new InvalidTransactionException("invalid CSV: unterminated quote");
    }
    fields.add(wasQuoted ? field.toString() : field.toString().trim());
    return fields;
  }
}
