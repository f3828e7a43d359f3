package io.onceflow.transforms.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producing side of {@link ReadRecords}' Kafka source, for generators and demos: records sent
 * in order, keyed (so that every record of one key lands in one partition, in order), idempotent,
 * and waited for until the broker has them all.
 */
public final class SendToKafka {

  private SendToKafka() {}

  /** Sends {@code records} (key, value; a null key for records that have none) in order. */
  public static void send(String bootstrapServers, String topic, List<KV<String, String>> records) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (KV<String, String> r : records) {
        sent.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "sending to Kafka topic "
              + topic
              + " at "
              + bootstrapServers
              + " failed: "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to Kafka topic " + topic, e);
    }
  }
}
