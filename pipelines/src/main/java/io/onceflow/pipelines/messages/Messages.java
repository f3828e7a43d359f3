package io.onceflow.pipelines.messages;

import io.onceflow.pipelines.BadOptionException;
import io.onceflow.pipelines.OnceflowPipeline;
import io.onceflow.pipelines.PipelineCommand;
import io.onceflow.pipelines.PipelineRun;
import io.onceflow.transforms.deadletter.DeadLettersTable;
import java.util.List;

/** The messages pipeline in the registry: bronze, silver and gold in one exactly-once stream. */
public final class Messages implements OnceflowPipeline {

  @Override
  public String name() {
    return MessagesPipeline.NAME;
  }

  @Override
  public String description() {
    return "message events through bronze, silver (split, country) and gold (keep-first dedup,"
        + " daily channel and per-user reports) in one exactly-once stream, into Iceberg";
  }

  @Override
  public List<String> tables() {
    return List.of(
        ChannelDailyReportTable.NAME,
        UserChannelsReportTable.NAME,
        MessagesBronzeTable.NAME,
        SilverMessagesTable.MESSAGES,
        SilverMessagesTable.CORRUPTED,
        LateMessagesTable.NAME,
        DeadLettersTable.NAME);
  }

  @Override
  public PipelineCommand run() {
    return PipelineCommand.of(
        MessagesPipelineOptions.class,
        (args, out) ->
            PipelineRun.runAndReport(
                name(),
                BadOptionException.parsing(() -> MessagesPipeline.options(args)),
                MessagesPipeline::run,
                out));
  }

  @Override
  public PipelineCommand generate() {
    return PipelineCommand.of(
        GenerateMessagesOptions.class,
        (args, out) -> {
          GenerateMessages.generate(
              BadOptionException.parsing(() -> GenerateMessages.options(args)), out);
          return 0;
        });
  }

  @Override
  public PipelineCommand verify() {
    return PipelineCommand.of(
        VerifyMessagesOptions.class,
        (args, out) ->
            VerifyMessages.verify(
                    BadOptionException.parsing(() -> VerifyMessages.options(args)), out)
                ? 0
                : 1);
  }

  @Override
  public PipelineCommand demo() {
    return PipelineCommand.of(
        MessagesDemoOptions.class,
        (args, out) ->
            MessagesDemo.run(BadOptionException.parsing(() -> MessagesDemo.options(args)), out)
                ? 0
                : 1);
  }
}
