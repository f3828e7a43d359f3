package io.onceflow.pipelines.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageJsonParserTest {

  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

  private static String valid() {
    return MessageRecords.json(AT, "7", "OPEN", "m-1", "EMAIL", 2001, 1004);
  }

  @Test
  void parsesEveryField() throws Exception {
    Message m = MessageJsonParser.parse("messages/0/7", valid());
    assertThat(m)
        .isEqualTo(new Message("messages/0/7", AT, "7", "OPEN", "m-1", "EMAIL", 2001, 1004));
    assertThat(m.isCorrupted()).isFalse();
    assertThat(m.date()).isEqualTo("2026-11-24");
    assertThat(m.dedupKey()).isEqualTo("m-1|OPEN|EMAIL");
  }

  @Test
  void aNullMissingEmptyOrNoneEventTypeIsACorruptedEventNotARejection() throws Exception {
    for (String json :
        new String[] {
          valid().replace("\"OPEN\"", "null"),
          valid().replace("\"event_type\":\"OPEN\",", ""),
          valid().replace("\"OPEN\"", "\"\""),
          valid().replace("\"OPEN\"", "\"NONE\"")
        }) {
      assertThat(MessageJsonParser.parse("s", json).isCorrupted()).as(json).isTrue();
    }
  }

  @Test
  void anUnknownCountryIsKeptForTheJoinToMiss() throws Exception {
    assertThat(MessageJsonParser.parse("s", valid().replace("2001", "2099")).countryId)
        .isEqualTo(2099);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not json|invalid JSON",
        "[1]|not a JSON object: ARRAY",
        "|not a JSON object: empty",
        "{\"timestamp\":\"2026-11-24T10:00:00Z\"} {}|invalid JSON",
        "{\"timestamp\":\"x\",\"timestamp\":\"y\"}|invalid JSON: Duplicate field 'timestamp'"
      })
  void rejectsWhatIsNotOneJsonObject(String json, String reason) {
    assertThatThrownBy(() -> MessageJsonParser.parse("s", json == null ? "" : json))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageStartingWith(reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "\"timestamp\":\"2026-11-24T10:00:00.000Z\",||missing timestamp",
        "\"EMAIL\"|\"FAX\"|unknown channel 'FAX' (one of [CHAT, EMAIL, OTHER, PUSH, SMS])",
        "\"OPEN\"|\"DELETED\"|unknown event_type 'DELETED'",
        "\"OPEN\"|7|event_type must be a string or null, was NUMBER 7",
        "1004|\"1004\"|user_id must be an integer, was STRING \"1004\"",
        "2001|2001.5|country_id must be an integer, was NUMBER 2001.5",
        "\"m-1\"|\"\"|empty message_id",
        "2026-11-24T10:00:00.000Z|yesterday|unparseable timestamp 'yesterday'",
        "\"7\"|7|value must be a string, was NUMBER 7"
      })
  void rejectsAFieldThatIsNotExactlyRight(String from, String to, String reason) {
    String json = to == null ? valid().replace(from, "") : valid().replace(from, to);
    assertThatThrownBy(() -> MessageJsonParser.parse("s", json))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageStartingWith(reason);
  }
}
