package io.spear.next.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** The latest resource report of a node; {@code updated_at} is when the registry stored it (Unix seconds). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NodeResource(
        String nodeUuid,
        double cpuUsagePercent,
        double memoryUsagePercent,
        long totalMemoryBytes,
        long usedMemoryBytes,
        long availableMemoryBytes,
        double diskUsagePercent,
        long totalDiskBytes,
        long usedDiskBytes,
        long networkRxBytesPerSec,
        long networkTxBytesPerSec,
        @JsonProperty("load_average_1m") double loadAverage1m,
        @JsonProperty("load_average_5m") double loadAverage5m,
        @JsonProperty("load_average_15m") double loadAverage15m,
        List<GpuInfo> gpus,
        Map<String, String> resourceMetadata,
        long updatedAt) {

    public NodeResource {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        resourceMetadata = resourceMetadata == null ? Map.of() : Map.copyOf(resourceMetadata);
    }

    /** This report without its time: two reports that say the same compare equal. */
    NodeResource withoutTime() {
        return storedFor(nodeUuid, 0);
    }

    /** This report as stored for {@code uuid} at {@code now}. */
    NodeResource storedFor(String uuid, long now) {
        return new NodeResource(uuid, cpuUsagePercent, memoryUsagePercent, totalMemoryBytes, usedMemoryBytes,
                availableMemoryBytes, diskUsagePercent, totalDiskBytes, usedDiskBytes, networkRxBytesPerSec,
                networkTxBytesPerSec, loadAverage1m, loadAverage5m, loadAverage15m, gpus, resourceMetadata, now);
    }
}
