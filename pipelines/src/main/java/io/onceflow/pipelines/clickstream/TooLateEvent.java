package io.onceflow.pipelines.clickstream;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** An event that came after every window of {@code output} it belongs to had closed. */
@DefaultCoder(SerializableCoder.class)
public record TooLateEvent(String output, ClickEvent event) implements Serializable {}
