package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The notebook's alert: a user-activity window with more than {@code maxPurchases} purchases or
 * more than {@code maxEvents} events (5 and 100).
 */
public final class AlertRule implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final AlertRule DEFAULT = new AlertRule(5, 100);

  public final long maxPurchases;
  public final long maxEvents;

  public AlertRule(long maxPurchases, long maxEvents) {
    this.maxPurchases = maxPurchases;
    this.maxEvents = maxEvents;
  }

  /** What of the rule {@code a} breaks, e.g. {@code "purchase_count > 5"}; null when nothing. */
  public String firing(UserActivity a) {
    List<String> parts = new ArrayList<>();
    if (a.purchaseCount > maxPurchases) {
      parts.add("purchase_count > " + maxPurchases);
    }
    if (a.totalEvents > maxEvents) {
      parts.add("total_events > " + maxEvents);
    }
    return parts.isEmpty() ? null : String.join(" and ", parts);
  }
}
