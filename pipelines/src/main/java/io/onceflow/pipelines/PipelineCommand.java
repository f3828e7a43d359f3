package io.onceflow.pipelines;

import java.io.PrintStream;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * One command of a pipeline ({@code run}, {@code generate}, {@code verify}, {@code demo}): the
 * options it takes, which its help lists, and what it does with them.
 */
public interface PipelineCommand {

  /** The options interface the command parses its {@code --name=value} arguments into. */
  Class<? extends PipelineOptions> options();

  /**
   * Runs the command; 0 when it did what it says, 1 when it ran but found the result wrong (a
   * failed run, a verification with differences). A bad option throws {@link BadOptionException}
   * before anything runs.
   */
  int execute(String[] args, PrintStream out) throws Exception;

  /** A command made of its options interface and what it does. */
  static PipelineCommand of(Class<? extends PipelineOptions> options, Body body) {
    return new PipelineCommand() {
      @Override
      public Class<? extends PipelineOptions> options() {
        return options;
      }

      @Override
      public int execute(String[] args, PrintStream out) throws Exception {
        return body.execute(args, out);
      }
    };
  }

  /** What a command does with its arguments. */
  @FunctionalInterface
  interface Body {
    int execute(String[] args, PrintStream out) throws Exception;
  }
}
