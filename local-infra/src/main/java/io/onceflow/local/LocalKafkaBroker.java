package io.onceflow.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) listening on free
 * loopback ports. It runs in a forked JVM whose classpath is the {@code kafka_2.13} artifact as
 * resolved by Maven, never the pipeline's: the broker's Scala, Jackson and Netty versions clash
 * with Spark's. Its data lives in {@code workDir}, so a stopped broker can be started again with
 * its topics intact, on the same ports.
 */
public final class LocalKafkaBroker extends LocalService {

  /** Resource written by the kafka-broker module at build time: the broker's classpath. */
  static final String CLASSPATH_RESOURCE = "io/onceflow/kafka/broker.classpath";

  /** Overrides the recorded classpath, e.g. in a distribution that ships the broker's jars. */
  public static final String CLASSPATH_PROPERTY = "onceflow.kafka.broker.classpath";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path workDir;
  private int brokerPort;
  private int controllerPort;
  private ForkedJvm jvm;

  public LocalKafkaBroker(Path workDir) {
    this.workDir = workDir.toAbsolutePath();
  }

  /** {@code host:port} for clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    checkRunning();
    return "127.0.0.1:" + brokerPort;
  }

  /** Process id of the broker's JVM, for tests that check it is gone. */
  public long pid() {
    checkRunning();
    return jvm.pid();
  }

  public Path workDir() {
    return workDir;
  }

  @Override
  protected String describe() {
    return "Kafka broker in " + workDir;
  }

  @Override
  protected void doStart() {
    List<String> classpath = brokerClasspath();
    Path config = workDir.resolve("server.properties");
    Path log = workDir.resolve("broker.log");
    boolean formatted = Files.exists(workDir.resolve("data").resolve("meta.properties"));
    if (formatted) {
      readPorts(config);
    } else {
      brokerPort = FreePorts.pick();
      controllerPort = FreePorts.pick();
      writeConfig(config);
      ForkedJvm.runToCompletion(
          classpath,
          "kafka.tools.StorageTool",
          List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
          workDir.resolve("storage-format.log"),
          START_TIMEOUT);
    }
    jvm =
        ForkedJvm.start(
            classpath,
            List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"),
            "kafka.Kafka",
            List.of(config.toString()),
            log);
    awaitListening(log);
  }

  @Override
  protected void doStop() {
    jvm.stop(Duration.ofSeconds(20));
    jvm = null;
  }

  /** Creates a topic (replication factor 1) and waits until the broker has it. */
  public void createTopic(String topic, int partitions) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot create topic " + topic + " on " + bootstrapServers(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    }
  }

  /**
   * Sends string records with an idempotent producer and waits until all are acknowledged; a record
   * without a timestamp gets the producer's clock.
   */
  public void produce(String topic, List<ProducerRecord<String, String>> records) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (ProducerRecord<String, String> record : records) {
        if (!record.topic().equals(topic)) {
          throw new IllegalArgumentException(
              "record for topic " + record.topic() + " passed to produce(" + topic + ")");
        }
        acks.add(producer.send(record));
      }
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("producing to " + topic + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while producing to " + topic, e);
    }
  }

  /** Sends values without keys. */
  public void produceValues(String topic, List<String> values) {
    produce(
        topic,
        values.stream()
            .map(v -> new ProducerRecord<String, String>(topic, v))
            .collect(Collectors.toList()));
  }

  private void writeConfig(Path config) {
    String text =
        String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:"
                    + brokerPort
                    + ",CONTROLLER://127.0.0.1:"
                    + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + workDir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "")
            + "\n";
    try {
      Files.createDirectories(workDir);
      Files.writeString(config, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
  }

  /**
   * A broker restarted on an existing data directory keeps the ports its metadata was made with.
   */
  private void readPorts(Path config) {
    Properties props = new Properties();
    try (var reader = Files.newBufferedReader(config)) {
      props.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + config + " of the existing broker", e);
    }
    for (String listener : props.getProperty("listeners", "").split(",")) {
      int port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
      if (listener.startsWith("PLAINTEXT://")) {
        brokerPort = port;
      } else if (listener.startsWith("CONTROLLER://")) {
        controllerPort = port;
      }
    }
    if (brokerPort == 0 || controllerPort == 0) {
      throw new IllegalStateException("no PLAINTEXT and CONTROLLER listeners in " + config);
    }
  }

  private void awaitListening(Path log) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!(FreePorts.isListening(brokerPort) && answersAsKafka())) {
      if (!jvm.isAlive()) {
        String output = jvm.tail();
        jvm = null;
        throw new IllegalStateException(
            "the Kafka broker exited during start-up; see " + log + ":\n" + output);
      }
      if (System.nanoTime() > deadline) {
        jvm.kill();
        String output = jvm.tail();
        jvm = null;
        throw new IllegalStateException(
            "the Kafka broker did not listen on 127.0.0.1:"
                + brokerPort
                + " within "
                + START_TIMEOUT
                + "; see "
                + log
                + ":\n"
                + output);
      }
      sleepQuietly();
    }
  }

  /**
   * A listening port alone could be another program's; only a Kafka answer proves the broker is up.
   */
  private boolean answersAsKafka() {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + brokerPort,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().clusterId().get();
      return true;
    } catch (ExecutionException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  /**
   * The broker's classpath: the system property if set, else the resource recorded at build time.
   */
  static List<String> brokerClasspath() {
    return RecordedClasspath.load(
        "Kafka broker", CLASSPATH_RESOURCE, CLASSPATH_PROPERTY, "onceflow-kafka-broker");
  }
}
