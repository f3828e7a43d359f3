package io.onceflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {

  @TempDir Path dir;

  @Test
  void producedRecordsAreReadBackAndTheBrokerSurvivesARestart() {
    try (LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("kafka"))) {
      broker.start();
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
      broker.createTopic("payments", 2);
      broker.produceValues("payments", List.of("a", "b", "c"));
      assertThat(consumeAll(broker.bootstrapServers(), "payments", 3))
          .containsExactlyInAnyOrder("a", "b", "c");

      String before = broker.bootstrapServers();
      broker.stop();
      broker.start();
      assertThat(broker.bootstrapServers()).isEqualTo(before);
      assertThat(consumeAll(broker.bootstrapServers(), "payments", 3))
          .containsExactlyInAnyOrder("a", "b", "c");
    }
  }

  @Test
  void startingTwiceAndStoppingTwiceAreClearErrorsAndStopLeavesNoProcess() {
    LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("kafka"));
    broker.start();
    long pid = broker.pid();
    assertThatThrownBy(broker::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already running");
    broker.stop();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThatThrownBy(broker::stop)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not running");
    assertThatThrownBy(broker::bootstrapServers).hasMessageContaining("is not running");
  }

  @Test
  void aBrokerThatCannotBindItsPortFailsWithItsLog() throws Exception {
    LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("kafka"));
    broker.start();
    int port = Integer.parseInt(broker.bootstrapServers().split(":")[1]);
    broker.stop();
    try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(broker::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("broker.log");
      assertThat(broker.isRunning()).isFalse();
    }
  }

  @Test
  void aMissingBrokerClasspathNamesTheProperty() {
    String previous =
        System.setProperty(LocalKafkaBroker.CLASSPATH_PROPERTY, "/nonexistent/kafka.jar");
    try {
      assertThatThrownBy(() -> new LocalKafkaBroker(dir).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(LocalKafkaBroker.CLASSPATH_PROPERTY)
          .hasMessageContaining("/nonexistent/kafka.jar");
    } finally {
      System.clearProperty(LocalKafkaBroker.CLASSPATH_PROPERTY);
      if (previous != null) {
        System.setProperty(LocalKafkaBroker.CLASSPATH_PROPERTY, previous);
      }
    }
  }

  private static List<String> consumeAll(String bootstrap, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
