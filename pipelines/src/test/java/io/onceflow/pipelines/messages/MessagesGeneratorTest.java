package io.onceflow.pipelines.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceflow.transforms.CommandOptions;
import org.junit.jupiter.api.Test;

class MessagesGeneratorTest {

  private static GenerateMessagesOptions options(String... args) {
    return CommandOptions.parse(args, GenerateMessagesOptions.class);
  }

  @Test
  void theSameSeedMakesTheSameRecordsAndEveryRecordIsAccountedFor() {
    MessagesGenerator.Generated a = MessagesGenerator.generate(options("--count=1000"));
    MessagesGenerator.Generated b = MessagesGenerator.generate(options("--count=1000"));
    assertThat(a.records()).isEqualTo(b.records());
    assertThat(MessagesGenerator.generate(options("--count=1000", "--seed=7")).records())
        .isNotEqualTo(a.records());

    MessagesGroundTruth t = a.truth();
    // 1000 produced + 50 duplicates + 30 earlier twins + 20 malformed + 10 too late.
    assertThat(a.records()).hasSize(1110);
    assertThat(t.count("records")).isEqualTo(1110);
    assertThat(t.count("malformed")).isEqualTo(20);
    assertThat(t.count("too_late")).isEqualTo(10);
    assertThat(t.count("bronze")).isEqualTo(t.count("messages") + t.count("corrupted"));
    assertThat(t.count("messages")).isEqualTo(t.count("first_occurrences") + t.count("duplicates"));
    // The producer's seven event types: about two in seven are corrupted.
    assertThat(t.count("corrupted")).isBetween(230L, 360L);
    assertThat(t.count("unknown_country")).isPositive();
    // The user report counts every first occurrence, the channel report the in-time ones.
    long users =
        t.userChannels.values().stream()
            .mapToLong(r -> Long.parseLong(r.split(" ")[0].substring("iterations=".length())))
            .sum();
    long days =
        t.channelDaily.values().stream()
            .mapToLong(r -> Long.parseLong(r.substring(r.indexOf("total=") + 6)))
            .sum();
    assertThat(users).isEqualTo(t.count("first_occurrences"));
    assertThat(days).isEqualTo(t.count("first_occurrences") - t.count("too_late"));
  }

  @Test
  void theProducersRecordsAreTheRateSourcesRecords() {
    MessagesGenerator.Generated g =
        MessagesGenerator.generate(
            options(
                "--count=10",
                "--lateFraction=0",
                "--duplicateFraction=0",
                "--earlierTwinFraction=0",
                "--tooLateFraction=0",
                "--unknownCountryFraction=0",
                "--malformedFraction=0",
                "--spanHours=48"));
    String first = g.records().get(0).value();
    if (!first.contains("\"event_type\":null")) {
      assertThat(first)
          .isEqualTo(MessageRecords.at(42, 0, org.joda.time.Instant.parse("2026-01-01T00:00:00Z")));
    }
  }

  @Test
  void aBadOptionIsNamed() {
    assertThatThrownBy(() -> MessagesGenerator.generate(options("--spanHours=24")))
        .hasMessageStartingWith("--spanHours must be at least 48");
    assertThatThrownBy(() -> MessagesGenerator.generate(options("--lateFraction=2")))
        .hasMessageStartingWith("--lateFraction must be between 0 and 1");
    assertThatThrownBy(() -> MessagesGenerator.generate(options("--start=today")))
        .hasMessageStartingWith("--start must be an ISO-8601 UTC instant");
  }
}
