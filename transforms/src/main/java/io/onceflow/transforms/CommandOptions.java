package io.onceflow.transforms;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Parses a command's arguments against its own options interface only.
 *
 * <p>Why: Beam keeps registered options interfaces in one registry per process and rejects an
 * interface that gives an option another default than a registered one does ("contradictory
 * annotations"), but pipelines legitimately do: the transactions generator's {@code --count} is
 * 5000, the ledger's the notebook's 200. So the registry is reset to Beam's own interfaces, the
 * command's is registered for the parse, and the registry is reset again afterwards; the parsed
 * options keep their interfaces, and {@code as(...)} on them checks against those, not against the
 * registry. One process runs one command (tests run them one after another), so nothing else is
 * registered meanwhile.
 */
public final class CommandOptions {

  private CommandOptions() {}

  public static synchronized <T extends PipelineOptions> T parse(String[] args, Class<T> iface) {
    PipelineOptionsFactory.resetCache();
    try {
      PipelineOptionsFactory.register(iface);
      return PipelineOptionsFactory.fromArgs(args).withValidation().as(iface);
    } finally {
      PipelineOptionsFactory.resetCache();
    }
  }
}
