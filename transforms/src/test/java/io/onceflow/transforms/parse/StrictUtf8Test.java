package io.onceflow.transforms.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link StrictUtf8}: valid text as it is, invalid bytes never replaced by U+FFFD. */
class StrictUtf8Test {

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void validUtf8IsDecodedAsItIs() {
    String text = "txn-1,Zoë,€12.50,\\ back \uD83D\uDE00";
    String decoded = StrictUtf8.decode(text.getBytes(StandardCharsets.UTF_8));
    assertThat(decoded).isEqualTo(text);
    assertThat(RejectedAtRead.isRejected(decoded)).isFalse();
  }

  @Test
  void invalidBytesAreMarkedAndEscapedSoTwoDistinctIdsDoNotCollide() {
    // "A" 0xC3 0x28 "(": 0xC3 starts a 2-byte sequence that 0x28 does not continue.
    String first = StrictUtf8.decode(bytes('A', 0xC3, 0x28, '\\'));
    String second = StrictUtf8.decode(bytes('A', 0xFF, 0x28, '\\'));

    assertThat(RejectedAtRead.isRejected(first)).isTrue();
    assertThat(RejectedAtRead.isRejected(second)).isTrue();
    assertThat(RejectedAtRead.raw(first)).isEqualTo("A\\xC3(\\\\");
    assertThat(RejectedAtRead.raw(second)).isEqualTo("A\\xFF(\\\\");
    assertThat(RejectedAtRead.reason(first))
        .startsWith("the record is not valid UTF-8 (first invalid byte at offset 1;");
    // What Java's lenient decoding does: both become "A\uFFFD(\\", the same string.
    assertThat(new String(bytes('A', 0xC3, 0x28), StandardCharsets.UTF_8))
        .isEqualTo(new String(bytes('A', 0xFF, 0x28), StandardCharsets.UTF_8));
  }

  @Test
  void aTruncatedSequenceAtTheEndAndAnOverlongEncodingAreInvalid() {
    assertThat(RejectedAtRead.raw(StrictUtf8.decode(bytes('x', 0xE2, 0x82))))
        .isEqualTo("x\\xE2\\x82");
    assertThat(RejectedAtRead.isRejected(StrictUtf8.decode(bytes(0xC0, 0xAF)))).isTrue();
    // An encoded surrogate half (CESU-8) is not UTF-8 either.
    assertThat(RejectedAtRead.isRejected(StrictUtf8.decode(bytes(0xED, 0xA0, 0x80)))).isTrue();
  }

  @Test
  void longTextIsDecodedWhole() {
    String text = "é".repeat(10_000);
    assertThat(StrictUtf8.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    byte[] bad = ("é".repeat(5_000) + "!").getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 1] = (byte) 0x80;
    assertThat(RejectedAtRead.raw(StrictUtf8.decode(bad))).isEqualTo("é".repeat(5_000) + "\\x80");
  }
}
