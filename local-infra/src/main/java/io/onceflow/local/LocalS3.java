package io.onceflow.local;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A real S3-compatible object store (Adobe's S3Mock) on loopback, in a JVM of its own whose
 * classpath the {@code s3-server} module recorded. Both of its connectors listen on 127.0.0.1 only:
 * plain HTTP on {@link #endpoint()} and HTTPS (a self-signed certificate, unused here) on {@link
 * #httpsPort()}. Objects live under {@code workDir/store}; a bucket is made at start-up. S3Mock
 * checks no signature, so any static credentials do; {@link #fileIoProperties()} are the ones a
 * real S3 endpoint would take.
 */
public final class LocalS3 extends LocalService {

  static final String CLASSPATH_RESOURCE = "io/onceflow/s3/s3-server.classpath";
  public static final String CLASSPATH_PROPERTY = "onceflow.s3-server.classpath";
  private static final String MAIN = "io.onceflow.s3.S3ServerMain";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  /** The region S3Mock answers for; clients must sign for one. */
  public static final String REGION = "us-east-1";

  public static final String ACCESS_KEY_ID = "onceflow";
  public static final String SECRET_ACCESS_KEY = "onceflow-local-secret";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path workDir;
  private final String bucket;
  private int httpPort;
  private int httpsPort;
  private ForkedJvm jvm;

  /** An object store in {@code workDir} that has {@code bucket} once started. */
  public LocalS3(Path workDir, String bucket) {
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException(
          "'" + bucket + "' is not an S3 bucket name (3-63 of a-z, 0-9, '.', '-')");
    }
    this.workDir = workDir.toAbsolutePath();
    this.bucket = bucket;
  }

  /** The S3 API's plain-HTTP endpoint, {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    checkRunning();
    return "http://127.0.0.1:" + httpPort;
  }

  public int httpPort() {
    checkRunning();
    return httpPort;
  }

  public int httpsPort() {
    checkRunning();
    return httpsPort;
  }

  public String bucket() {
    return bucket;
  }

  public long pid() {
    checkRunning();
    return jvm.pid();
  }

  /** Where S3Mock keeps the objects (its own layout: one folder per object, named by a UUID). */
  public Path storeRoot() {
    return workDir.resolve("store");
  }

  /**
   * Iceberg's S3FileIO properties for this store: endpoint, path-style access, static credentials,
   * region.
   */
  public Map<String, String> fileIoProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    p.put("s3.endpoint", endpoint());
    p.put("s3.path-style-access", "true");
    p.put("s3.access-key-id", ACCESS_KEY_ID);
    p.put("s3.secret-access-key", SECRET_ACCESS_KEY);
    p.put("client.region", REGION);
    return p;
  }

  @Override
  protected String describe() {
    return "S3 server in " + workDir;
  }

  @Override
  protected void doStart() {
    List<String> classpath = classpath();
    httpPort = FreePorts.pick();
    httpsPort = FreePorts.pick();
    Path log = workDir.resolve("s3-server.log");
    jvm =
        ForkedJvm.start(
            classpath,
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"),
            MAIN,
            List.of(
                "--com.adobe.testing.s3mock.httpPort=" + httpPort,
                "--server.port=" + httpsPort,
                "--com.adobe.testing.s3mock.store.root=" + storeRoot(),
                "--com.adobe.testing.s3mock.store.retainFilesOnExit=true",
                "--com.adobe.testing.s3mock.store.initialBuckets=" + bucket,
                "--com.adobe.testing.s3mock.store.region=" + REGION),
            log);
    awaitAnswering(log);
  }

  @Override
  protected void doStop() {
    jvm.stop(Duration.ofSeconds(20));
    jvm = null;
  }

  /**
   * The keys under {@code prefix} in the bucket, through the S3 API (ListObjectsV2, every page),
   * sorted as S3 sorts them.
   */
  public List<String> listKeys(String prefix) {
    checkRunning();
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      String url =
          endpoint()
              + "/"
              + bucket
              + "?list-type=2&prefix="
              + URLEncoder.encode(prefix, StandardCharsets.UTF_8)
              + (token == null
                  ? ""
                  : "&continuation-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
      Document page = xml(get(url), url);
      NodeList contents = page.getElementsByTagName("Contents");
      for (int i = 0; i < contents.getLength(); i++) {
        keys.add(text((Element) contents.item(i), "Key", url));
      }
      token =
          "true".equals(text(page.getDocumentElement(), "IsTruncated", url))
              ? text(page.getDocumentElement(), "NextContinuationToken", url)
              : null;
    } while (token != null);
    return keys;
  }

  private void awaitAnswering(Path log) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!answersWithTheBucket()) {
      if (!jvm.isAlive()) {
        String output = jvm.tail();
        jvm = null;
        throw new IllegalStateException(
            "the S3 server exited during start-up; see " + log + ":\n" + output);
      }
      if (System.nanoTime() > deadline) {
        jvm.kill();
        String output = jvm.tail();
        jvm = null;
        throw new IllegalStateException(
            "the S3 server did not answer on 127.0.0.1:"
                + httpPort
                + " with bucket "
                + bucket
                + " within "
                + START_TIMEOUT
                + "; see "
                + log
                + ":\n"
                + output);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the S3 server", e);
      }
    }
  }

  /** A listening port could be another program's: only a ListBuckets answer naming ours counts. */
  private boolean answersWithTheBucket() {
    if (!FreePorts.isListening(httpPort)) {
      return false;
    }
    return HttpCalls.tryCall("GET", "http://127.0.0.1:" + httpPort + "/")
        .map(body -> body.contains("<Name>" + bucket + "</Name>"))
        .orElse(false);
  }

  private static String get(String url) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + url + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling " + url, e);
    }
  }

  private static Document xml(String body, String url) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("GET " + url + " answered no S3 XML: " + body, e);
    }
  }

  private static String text(Element parent, String tag, String url) {
    NodeList nodes = parent.getElementsByTagName(tag);
    if (nodes.getLength() == 0) {
      throw new IllegalStateException("no <" + tag + "> in the answer to GET " + url);
    }
    return nodes.item(0).getTextContent();
  }

  static List<String> classpath() {
    List<String> classpath =
        new ArrayList<>(
            RecordedClasspath.load(
                "S3 server", CLASSPATH_RESOURCE, CLASSPATH_PROPERTY, "onceflow-s3-server"));
    classpath.add(RecordedClasspath.locationOf(MAIN, "onceflow-s3-server"));
    return classpath;
  }
}
