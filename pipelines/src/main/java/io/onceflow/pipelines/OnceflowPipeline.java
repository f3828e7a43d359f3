package io.onceflow.pipelines;

import java.util.List;

/**
 * A pipeline as the command line knows it: its name, what it does, its tables, and its commands.
 * Each pipeline's package has one, listed in {@link PipelineRegistry}; {@code generate}, {@code
 * verify} and {@code demo} sit beside the pipeline, behind the same interface, so that every
 * command works for every pipeline.
 */
public interface OnceflowPipeline {

  /** The name on the command line, e.g. {@code transactions}. */
  String name();

  /** One line on what the pipeline does, for {@code onceflow pipelines}. */
  String description();

  /** Its tables, the main one first ({@code onceflow show}'s default). */
  List<String> tables();

  /** Runs the pipeline over files or a topic into its tables. */
  PipelineCommand run();

  /** Writes seeded synthetic input and its ground truth. */
  PipelineCommand generate();

  /** Compares the tables with a ground truth, every difference printed. */
  PipelineCommand verify();

  /** The whole story on this machine: a local broker, generated input, a run, a verification. */
  PipelineCommand demo();

  /** A table's rows as a reader sees them; Iceberg unless the pipeline's tables are elsewhere. */
  default PipelineCommand show() {
    return ShowTable.command(this);
  }
}
