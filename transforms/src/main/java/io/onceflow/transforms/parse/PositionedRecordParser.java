package io.onceflow.transforms.parse;

import java.io.Serializable;

/**
 * A {@link RecordParser} that also sees the record's source position ({@code file:line}, {@code
 * topic/partition/offset}), for elements that carry it as their identity (a bronze table keyed by
 * where each record came from, so that a replay adds nothing).
 */
@FunctionalInterface
public interface PositionedRecordParser<T> extends Serializable {

  T parse(String source, String raw) throws Exception;
}
