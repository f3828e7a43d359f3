package io.onceflow.it.infra;

import io.onceflow.local.LocalKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;

/** Records written to a real broker come back through Beam's {@code KafkaIO.read()}. */
public class KafkaReadIT {

  private static Path dir;
  private static LocalKafkaBroker broker;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @BeforeClass
  public static void startBroker() throws IOException {
    dir = Files.createTempDirectory("kafka-read-it");
    broker = new LocalKafkaBroker(dir);
    broker.start();
  }

  @AfterClass
  public static void stopBroker() {
    broker.stop();
  }

  @Test
  public void readsBackEveryRecordFromEveryPartition() {
    List<String> values =
        IntStream.range(0, 100).mapToObj(i -> "txn-" + i).collect(Collectors.toList());
    broker.createTopic("transactions", 3);
    broker.produceValues("transactions", values);

    PCollection<String> read =
        p.apply(
                "ReadKafka",
                KafkaIO.<String, String>read()
                    .withBootstrapServers(broker.bootstrapServers())
                    .withTopic("transactions")
                    .withKeyDeserializer(StringDeserializer.class)
                    .withValueDeserializer(StringDeserializer.class)
                    .withConsumerConfigUpdates(java.util.Map.of("auto.offset.reset", "earliest"))
                    .withMaxNumRecords(values.size())
                    .withoutMetadata())
            .apply("Values", Values.create());
    PAssert.that(read).containsInAnyOrder(values);
    p.run().waitUntilFinish();
  }
}
