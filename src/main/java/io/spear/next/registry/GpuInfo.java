package io.spear.next.registry;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One GPU of a node, as its agent reports it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GpuInfo(
        int index,
        String model,
        long memoryTotalBytes,
        long memoryUsedBytes,
        double utilizationPercent) {
}
