package io.onceflow.pipelines;

import io.onceflow.pipelines.clickstream.Clickstream;
import io.onceflow.pipelines.ledger.Ledger;
import io.onceflow.pipelines.messages.Messages;
import io.onceflow.pipelines.purchases.Purchases;
import io.onceflow.pipelines.transactions.Transactions;
import java.util.List;

/** Every pipeline onceflow has, by name; the first is the flagship, plain {@code demo}'s. */
public final class PipelineRegistry {

  private static final List<OnceflowPipeline> ALL =
      List.of(new Transactions(), new Ledger(), new Messages(), new Clickstream(), new Purchases());

  private PipelineRegistry() {}

  public static List<OnceflowPipeline> all() {
    return ALL;
  }

  public static OnceflowPipeline flagship() {
    return ALL.get(0);
  }

  public static List<String> names() {
    return ALL.stream().map(OnceflowPipeline::name).toList();
  }

  /** The pipeline of that name; a bad option naming the known ones if there is none. */
  public static OnceflowPipeline named(String name) {
    for (OnceflowPipeline p : ALL) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new BadOptionException(
        "unknown pipeline '" + name + "'; the pipelines are: " + String.join(", ", names()), null);
  }
}
