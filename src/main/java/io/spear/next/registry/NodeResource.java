package io.spear.next.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

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

    /**
     * The figures a report filter or order names, by their JSON names ({@code cpu_usage_percent}):
     * every number of the report, the count of its GPUs, and when it was stored.
     */
    public enum Figure {
        CPU_USAGE_PERCENT(NodeResource::cpuUsagePercent),
        MEMORY_USAGE_PERCENT(NodeResource::memoryUsagePercent),
        TOTAL_MEMORY_BYTES(NodeResource::totalMemoryBytes),
        USED_MEMORY_BYTES(NodeResource::usedMemoryBytes),
        AVAILABLE_MEMORY_BYTES(NodeResource::availableMemoryBytes),
        DISK_USAGE_PERCENT(NodeResource::diskUsagePercent),
        TOTAL_DISK_BYTES(NodeResource::totalDiskBytes),
        USED_DISK_BYTES(NodeResource::usedDiskBytes),
        NETWORK_RX_BYTES_PER_SEC(NodeResource::networkRxBytesPerSec),
        NETWORK_TX_BYTES_PER_SEC(NodeResource::networkTxBytesPerSec),
        LOAD_AVERAGE_1M(NodeResource::loadAverage1m),
        LOAD_AVERAGE_5M(NodeResource::loadAverage5m),
        LOAD_AVERAGE_15M(NodeResource::loadAverage15m),
        GPU_COUNT(report -> report.gpus().size()),
        UPDATED_AT(NodeResource::updatedAt);

        private final ToDoubleFunction<NodeResource> value;
        private final String jsonName = name().toLowerCase(Locale.ROOT);

        Figure(ToDoubleFunction<NodeResource> value) {
            this.value = value;
        }

        public String jsonName() {
            return jsonName;
        }

        public double of(NodeResource report) {
            return value.applyAsDouble(report);
        }

        /** The figure of this JSON name, if there is one. */
        public static Optional<Figure> named(String jsonName) {
            return Arrays.stream(values())
                    .filter(figure -> figure.jsonName.equals(jsonName))
                    .findFirst();
        }

        /** Every figure's JSON name, for error messages: "cpu_usage_percent, memory_usage_percent, ...". */
        public static String names() {
            return String.join(
                    ", ", Arrays.stream(values()).map(Figure::jsonName).toList());
        }
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
