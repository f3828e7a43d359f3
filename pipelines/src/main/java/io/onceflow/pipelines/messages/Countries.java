package io.onceflow.pipelines.messages;

import java.util.Map;
import java.util.TreeMap;

/**
 * The notebook's 16-row countries reference ({@code country_id} to name), which the silver split
 * carries whole: small and fixed, so a lookup is a map access on every worker.
 */
public final class Countries {

  /** The reference, by id. */
  public static final Map<Integer, String> BY_ID = reference();

  private Countries() {}

  private static Map<Integer, String> reference() {
    Map<Integer, String> m = new TreeMap<>();
    String[] names = {
      "Brazil", "Portugal", "Spain", "Germany", "France", "Italy", "United Kingdom",
      "United States", "Canada", "Australia", "Japan", "China", "India", "South Korea",
      "Russia", "Argentina"
    };
    for (int i = 0; i < names.length; i++) {
      m.put(2000 + i, names[i]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
