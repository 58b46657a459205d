package io.spear.next.sms.stats;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The cluster at one moment, as the dashboard charts it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatsSample(
        long at,
        long activeNodes,
        long inactiveNodes,
        long unhealthyNodes,
        long decommissioningNodes,
        long nodesWithResources,
        double averageCpuUsage,
        double averageMemoryUsage,
        double heartbeatsPerSecond) {
}
