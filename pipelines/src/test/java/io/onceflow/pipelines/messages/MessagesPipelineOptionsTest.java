package io.onceflow.pipelines.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessagesPipelineOptionsTest {

  private static final String WAREHOUSE = "--warehouse=target/messages-options-warehouse";

  @Test
  void theDefaultsMakeAPipelineAndTheDedupRemembersThirtyDays() {
    MessagesPipelineOptions o = MessagesPipeline.options(new String[] {WAREHOUSE, "--source=rate"});
    assertThat(o.getDedupRetentionHours()).isEqualTo(720);
    assertThat(o.getRatePerSecond()).isEqualTo(1);
    assertThat(
            MessagesPipeline.options(
                    new String[] {WAREHOUSE, "--source=rate", "--dedupRetentionHours=30"})
                .getDedupRetentionHours())
        .isEqualTo(30);
  }

  @Test
  void aBadOptionFailsNamingIt() {
    assertThatThrownBy(() -> MessagesPipeline.options(new String[] {WAREHOUSE, "--source=x"}))
        .hasMessageStartingWith("--source must be 'files', 'kafka' or 'rate', was 'x'");
    assertThatThrownBy(
            () ->
                MessagesPipeline.options(
                    new String[] {WAREHOUSE, "--source=rate", "--ratePerSecond=0"}))
        .hasMessageStartingWith("--ratePerSecond must be at least 1");
    assertThatThrownBy(
            () ->
                MessagesPipeline.options(
                    new String[] {WAREHOUSE, "--source=rate", "--rateStart=soon"}))
        .hasMessageStartingWith("--rateStart must be an ISO-8601 instant");
    assertThatThrownBy(
            () ->
                MessagesPipeline.options(
                    new String[] {WAREHOUSE, "--source=rate", "--lateTable=messages"}))
        .hasMessageStartingWith("--lateTable names messages");
    assertThatThrownBy(
            () ->
                MessagesPipeline.options(
                    new String[] {WAREHOUSE, "--source=rate", "--dedupRetentionHours=24"}))
        .hasMessageStartingWith("--dedupRetentionHours (24 h) must cover");
    assertThatThrownBy(() -> MessagesPipeline.options(new String[] {WAREHOUSE, "--source=files"}))
        .hasMessageStartingWith("--input is required");
  }
}
