package io.onceflow.transforms.windowing;

import org.joda.time.Instant;

/**
 * Which pane of which event-time window an aggregate is: the window's bounds, the pane's index
 * (from 0 in each window, again from 0 after a restart), its timing ({@code EARLY}, {@code
 * ON_TIME}, {@code LATE}, as Beam's {@code PaneInfo.Timing}) and whether it is the window's last.
 */
public record WindowPane(Instant start, Instant end, long index, String timing, boolean isFinal) {}
