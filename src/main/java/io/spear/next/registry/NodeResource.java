package io.spear.next.registry;

import java.util.List;
import java.util.Map;

/** The latest resource report of a node; {@code updated_at} is when the registry stored it (Unix seconds). */
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
        double loadAverage1m,
        double loadAverage5m,
        double loadAverage15m,
        List<GpuInfo> gpus,
        Map<String, String> resourceMetadata,
        long updatedAt) {

    public NodeResource {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        resourceMetadata = resourceMetadata == null ? Map.of() : Map.copyOf(resourceMetadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a report field by field; figures left out are 0, lists and maps empty. */
    public static final class Builder {
        private String nodeUuid;
        private double cpuUsagePercent;
        private double memoryUsagePercent;
        private long totalMemoryBytes;
        private long usedMemoryBytes;
        private long availableMemoryBytes;
        private double diskUsagePercent;
        private long totalDiskBytes;
        private long usedDiskBytes;
        private long networkRxBytesPerSec;
        private long networkTxBytesPerSec;
        private double loadAverage1m;
        private double loadAverage5m;
        private double loadAverage15m;
        private List<GpuInfo> gpus = List.of();
        private Map<String, String> resourceMetadata = Map.of();
        private long updatedAt;

        private Builder() {}

        public Builder nodeUuid(String value) {
            nodeUuid = value;
            return this;
        }

        public Builder cpuUsagePercent(double value) {
            cpuUsagePercent = value;
            return this;
        }

        public Builder memoryUsagePercent(double value) {
            memoryUsagePercent = value;
            return this;
        }

        public Builder totalMemoryBytes(long value) {
            totalMemoryBytes = value;
            return this;
        }

        public Builder usedMemoryBytes(long value) {
            usedMemoryBytes = value;
            return this;
        }

        public Builder availableMemoryBytes(long value) {
            availableMemoryBytes = value;
            return this;
        }

        public Builder diskUsagePercent(double value) {
            diskUsagePercent = value;
            return this;
        }

        public Builder totalDiskBytes(long value) {
            totalDiskBytes = value;
            return this;
        }

        public Builder usedDiskBytes(long value) {
            usedDiskBytes = value;
            return this;
        }

        public Builder networkRxBytesPerSec(long value) {
            networkRxBytesPerSec = value;
            return this;
        }

        public Builder networkTxBytesPerSec(long value) {
            networkTxBytesPerSec = value;
            return this;
        }

        public Builder loadAverage1m(double value) {
            loadAverage1m = value;
            return this;
        }

        public Builder loadAverage5m(double value) {
            loadAverage5m = value;
            return this;
        }

        public Builder loadAverage15m(double value) {
            loadAverage15m = value;
            return this;
        }

        public Builder gpus(List<GpuInfo> value) {
            gpus = value;
            return this;
        }

        public Builder resourceMetadata(Map<String, String> value) {
            resourceMetadata = value;
            return this;
        }

        public Builder updatedAt(long value) {
            updatedAt = value;
            return this;
        }

        public NodeResource build() {
            return new NodeResource(
                    nodeUuid,
                    cpuUsagePercent,
                    memoryUsagePercent,
                    totalMemoryBytes,
                    usedMemoryBytes,
                    availableMemoryBytes,
                    diskUsagePercent,
                    totalDiskBytes,
                    usedDiskBytes,
                    networkRxBytesPerSec,
                    networkTxBytesPerSec,
                    loadAverage1m,
                    loadAverage5m,
                    loadAverage15m,
                    gpus,
                    resourceMetadata,
                    updatedAt);
        }
    }
}
