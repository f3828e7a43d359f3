package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;

/**
 * A validated clickstream event (SEEDS §4): who ({@code userId}, {@code sessionId}), what ({@code
 * eventType}, one of {@link ClickEventJsonParser#EVENT_TYPES}), where ({@code pageUrl}, {@code
 * productId}, both optional) and when ({@code timestamp}, UTC), and from what ({@code deviceType},
 * {@code ipAddress}, optional). The seed has no event id: two events are equal when every field is.
 */
@DefaultCoder(ClickEventCoder.class)
public final class ClickEvent implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Earliest first; events at the same instant by their content, so that "the earliest event" and
   * "in timestamp order" do not depend on arrival order.
   */
  public static final Comparator<ClickEvent> BY_TIME_THEN_CONTENT =
      Comparator.comparing((ClickEvent e) -> e.timestamp).thenComparing(ClickEvent::content);

  public final String userId;
  public final String sessionId;
  public final String eventType;
  public final String pageUrl;
  public final String productId;
  public final Instant timestamp;
  public final String deviceType;
  public final String ipAddress;

  public ClickEvent(
      String userId,
      String sessionId,
      String eventType,
      String pageUrl,
      String productId,
      Instant timestamp,
      String deviceType,
      String ipAddress) {
    this.userId = userId;
    this.sessionId = sessionId;
    this.eventType = eventType;
    this.pageUrl = pageUrl;
    this.productId = productId;
    this.timestamp = timestamp;
    this.deviceType = deviceType;
    this.ipAddress = ipAddress;
  }

  public boolean isClick() {
    return "click".equals(eventType);
  }

  public boolean isPurchase() {
    return "purchase".equals(eventType);
  }

  /**
   * Every field in a fixed order, absent ones empty, separated by a character no field holds: the
   * tie-breaker between events at the same instant, and the key of a too-late event.
   */
  public String content() {
    return String.join(
        "\u001f",
        userId,
        sessionId,
        eventType,
        orEmpty(pageUrl),
        orEmpty(productId),
        timestamp.toString(),
        orEmpty(deviceType),
        orEmpty(ipAddress));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClickEvent e
        && userId.equals(e.userId)
        && sessionId.equals(e.sessionId)
        && eventType.equals(e.eventType)
        && Objects.equals(pageUrl, e.pageUrl)
        && Objects.equals(productId, e.productId)
        && timestamp.equals(e.timestamp)
        && Objects.equals(deviceType, e.deviceType)
        && Objects.equals(ipAddress, e.ipAddress);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, sessionId, eventType, pageUrl, productId, timestamp);
  }

  @Override
  public String toString() {
    return "ClickEvent{"
        + userId
        + ", "
        + sessionId
        + ", "
        + eventType
        + ", "
        + pageUrl
        + ", "
        + productId
        + ", "
        + timestamp
        + ", "
        + deviceType
        + ", "
        + ipAddress
        + "}";
  }
}
