package io.onceflow.pipelines.messages;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The notebook's 16-row countries reference ({@code country_id} to name), as a side input of the
 * silver split: small and fixed, so every worker holds it whole and a lookup is a map access.
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

  /** The reference as a map-valued side input. */
  public static PTransform<PBegin, PCollectionView<Map<Integer, String>>> view() {
    return new PTransform<>() {
      @Override
      public PCollectionView<Map<Integer, String>> expand(PBegin begin) {
        return begin
            .apply(
                "CountryRows",
                Create.of(BY_ID).withCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of())))
            .apply("AsMap", View.asMap());
      }
    };
  }
}
