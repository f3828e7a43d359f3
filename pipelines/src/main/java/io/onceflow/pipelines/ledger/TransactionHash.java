package io.onceflow.pipelines.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The seed's {@code transaction_hash}: lower-case hex SHA-256 of {@code
 * transaction_id|account_from|account_to|amount|currency} in UTF-8, with the amount <em>as
 * received</em> — hashing before the decimal cast keeps the hash stable, so {@code "10.5"} and
 * {@code "10.50"} hash differently although the amounts are equal.
 */
public final class TransactionHash {

  private TransactionHash() {}

  public static String of(
      String transactionId, String accountFrom, String accountTo, String amount, String currency) {
    String text = String.join("|", transactionId, accountFrom, accountTo, amount, currency);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256; if this one does not, the record is a dead
      // letter with this reason rather than a row without a hash.
      throw new IllegalStateException("SHA-256 is not available: " + e.getMessage(), e);
    }
  }
}
