package io.onceflow.s3;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the Tomcat connectors S3Mock adds beside the main one (its plain HTTP connector) to
 * 127.0.0.1. Spring Boot applies factory customizers after the factory bean is made, so S3Mock's
 * extra connector is already there; Tomcat binds a connector when it starts, after this.
 */
@Configuration(proxyBeanMethods = false)
public class LoopbackConnectors {

  static final String LOOPBACK = "127.0.0.1";

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> additionalConnectorsOnLoopback() {
    return factory -> {
      if (factory.getAdditionalTomcatConnectors().isEmpty()) {
        throw new IllegalStateException(
            "S3Mock added no HTTP connector to bind to " + LOOPBACK + "; has its set-up changed?");
      }
      for (Connector connector : factory.getAdditionalTomcatConnectors()) {
        if (!connector.setProperty("address", LOOPBACK)) {
          throw new IllegalStateException(
              "cannot bind S3Mock's connector on port "
                  + connector.getPort()
                  + " to "
                  + LOOPBACK
                  + ": its protocol handler has no address property");
        }
      }
    };
  }
}
