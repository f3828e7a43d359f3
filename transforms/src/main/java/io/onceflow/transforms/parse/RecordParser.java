package io.onceflow.transforms.parse;

import java.io.Serializable;

/**
 * Turns one raw record into a pipeline's element, or throws: whatever it throws, the record becomes
 * a dead letter with the exception's message as the reason ({@link ParseRecords}).
 */
@FunctionalInterface
public interface RecordParser<T> extends Serializable {

  T parse(String raw) throws Exception;
}
