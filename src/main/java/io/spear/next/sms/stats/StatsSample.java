package io.spear.next.sms.stats;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.spear.next.registry.ClusterStats;

/** The cluster statistics at one moment ({@code at}, Unix seconds), with the heartbeat rate then. */
public record StatsSample(long at, @JsonUnwrapped ClusterStats stats, double heartbeatsPerSecond) {}
