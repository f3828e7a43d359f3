package io.onceflow.pipelines.transactions;

/**
 * The statuses a transaction may have; anything else is a dead letter. Only SUCCESS is aggregated.
 */
public enum TransactionStatus {
  SUCCESS,
  FAILED,
  PENDING,
  CANCELLED
}
