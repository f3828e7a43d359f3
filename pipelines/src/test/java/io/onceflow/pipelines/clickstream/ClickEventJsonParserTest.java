package io.onceflow.pipelines.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClickEventJsonParserTest {

  static final String VALID =
      "{\"user_id\":\"user_0001\",\"session_id\":\"sess_0001\",\"event_type\":\"purchase\","
          + "\"page_url\":\"/product/7\",\"product_id\":\"prod_7\","
          + "\"timestamp\":\"2026-12-01T10:00:00Z\",\"device_type\":\"mobile\","
          + "\"ip_address\":\"192.168.1.7\"}";

  @Test
  void parsesTheSeedsFields() throws Exception {
    ClickEvent e = ClickEventJsonParser.parse(VALID);

    assertThat(e.userId).isEqualTo("user_0001");
    assertThat(e.sessionId).isEqualTo("sess_0001");
    assertThat(e.eventType).isEqualTo("purchase");
    assertThat(e.pageUrl).isEqualTo("/product/7");
    assertThat(e.productId).isEqualTo("prod_7");
    assertThat(e.timestamp).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(e.deviceType).isEqualTo("mobile");
    assertThat(e.ipAddress).isEqualTo("192.168.1.7");
    assertThat(e.isPurchase()).isTrue();
  }

  @Test
  void theOptionalFieldsMayBeAbsentOrNull() throws Exception {
    ClickEvent e =
        ClickEventJsonParser.parse(
            "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"page_view\","
                + "\"timestamp\":\"2026-12-01T10:00:00\",\"product_id\":null}");

    assertThat(e.pageUrl).isNull();
    assertThat(e.productId).isNull();
    assertThat(e.deviceType).isNull();
    assertThat(e.ipAddress).isNull();
    assertThat(e.timestamp).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown event_type|\"event_type\":\"purchase\"|\"event_type\":\"hover\""
            + "|unknown event_type 'hover' (one of [click, page_view, purchase])",
        "event_type in another case|\"event_type\":\"purchase\"|\"event_type\":\"Purchase\""
            + "|unknown event_type 'Purchase' (one of [click, page_view, purchase])",
        "missing user|\"user_id\":\"user_0001\",|''|missing user_id",
        "null session|\"session_id\":\"sess_0001\"|\"session_id\":null|missing session_id",
        "empty session|\"session_id\":\"sess_0001\"|\"session_id\":\"\"|empty session_id",
        "bad timestamp|2026-12-01T10:00:00Z|2026-13-01T10:00:00Z"
            + "|unparseable timestamp '2026-13-01T10:00:00Z'",
        "epoch timestamp|\"timestamp\":\"2026-12-01T10:00:00Z\"|\"timestamp\":1764583200"
            + "|timestamp must be a string, was NUMBER 1764583200",
        "number as a page|\"page_url\":\"/product/7\"|\"page_url\":7"
            + "|page_url must be a string, was NUMBER 7",
      })
  void rejectsWithAReasonThatSaysWhatIsWrong(
      String name, String replaced, String by, String reason) {
    String raw = VALID.replace(replaced, by);

    assertThatThrownBy(() -> ClickEventJsonParser.parse(raw))
        .isInstanceOf(InvalidClickEventException.class)
        .hasMessage(reason);
  }

  @Test
  void rejectsWhatIsNotOneJsonObject() {
    assertThatThrownBy(() -> ClickEventJsonParser.parse("not json"))
        .hasMessageStartingWith("invalid JSON");
    assertThatThrownBy(() -> ClickEventJsonParser.parse("[1]"))
        .hasMessage("not a JSON object: ARRAY");
    assertThatThrownBy(() -> ClickEventJsonParser.parse(VALID + " {}"))
        .hasMessageStartingWith("invalid JSON");
    assertThatThrownBy(
            () ->
                ClickEventJsonParser.parse(
                    VALID.replace("{\"user_id\"", "{\"user_id\":\"x\",\"user_id\"")))
        .hasMessageStartingWith("invalid JSON: Duplicate field 'user_id'");
    assertThatThrownBy(() -> ClickEventJsonParser.parse(null)).hasMessage("no value (a tombstone)");
  }

  @Test
  void equalEventsHaveEqualContentAndTheCoderRoundTrips() throws Exception {
    ClickEvent e = ClickEventJsonParser.parse(VALID);
    ClickEvent sparse =
        ClickEventJsonParser.parse(
            "{\"user_id\":\"u\",\"session_id\":\"s\",\"event_type\":\"click\","
                + "\"timestamp\":\"2026-12-01T10:00:00Z\"}");

    for (ClickEvent each : new ClickEvent[] {e, sparse}) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      ClickEventCoder.of().encode(each, out);
      ClickEvent back =
          ClickEventCoder.of().decode(new java.io.ByteArrayInputStream(out.toByteArray()));
      assertThat(back).isEqualTo(each);
      assertThat(back.content()).isEqualTo(each.content());
    }
    assertThat(e.content()).isNotEqualTo(sparse.content());
  }
}
