package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.spear.next.registry.GpuInfo;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A node's resource figures: cpu_usage_percent and memory_usage_percent required, the rest "
        + "0 when left out; percentages 0-100, load averages 0-1000000, byte counts >= 0, used <= total; up to 64 "
        + "gpus; resource_metadata as health_info", example = """
        {"cpu_usage_percent": 37.5, "memory_usage_percent": 52.1, "total_memory_bytes": 68719476736,
         "used_memory_bytes": 35802515456, "available_memory_bytes": 32916961280, "disk_usage_percent": 41.0,
         "total_disk_bytes": 1000000000000, "used_disk_bytes": 410000000000, "network_rx_bytes_per_sec": 1250000,
         "network_tx_bytes_per_sec": 830000, "load_average_1m": 2.1, "load_average_5m": 1.8, "load_average_15m": 1.5,
         "gpus": [{"index": 0, "model": "A100", "memory_total_bytes": 85899345920, "memory_used_bytes": 1073741824,
                   "utilization_percent": 12.5}],
         "resource_metadata": {"kernel": "6.1"}}""")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResourceReport(
        Double cpuUsagePercent,
        Double memoryUsagePercent,
        Long totalMemoryBytes,
        Long usedMemoryBytes,
        Long availableMemoryBytes,
        Double diskUsagePercent,
        Long totalDiskBytes,
        Long usedDiskBytes,
        Long networkRxBytesPerSec,
        Long networkTxBytesPerSec,
        @JsonProperty("load_average_1m") Double loadAverage1m,
        @JsonProperty("load_average_5m") Double loadAverage5m,
        @JsonProperty("load_average_15m") Double loadAverage15m,
        List<GpuReport> gpus,
        Map<String, String> resourceMetadata) {

    /** The checks of each field on its own; {@code at} is where the report sits in the body. */
    void check(FieldChecks checks, String at) {
        checks.notNull(at + "cpu_usage_percent", cpuUsagePercent);
        checks.between(at + "cpu_usage_percent", cpuUsagePercent, 0, 100);
        checks.notNull(at + "memory_usage_percent", memoryUsagePercent);
        checks.between(at + "memory_usage_percent", memoryUsagePercent, 0, 100);
        checks.between(at + "disk_usage_percent", diskUsagePercent, 0, 100);
        checks.notNegative(at + "total_memory_bytes", totalMemoryBytes);
        checks.notNegative(at + "used_memory_bytes", usedMemoryBytes);
        checks.notNegative(at + "available_memory_bytes", availableMemoryBytes);
        checks.notNegative(at + "total_disk_bytes", totalDiskBytes);
        checks.notNegative(at + "used_disk_bytes", usedDiskBytes);
        checks.notNegative(at + "network_rx_bytes_per_sec", networkRxBytesPerSec);
        checks.notNegative(at + "network_tx_bytes_per_sec", networkTxBytesPerSec);
        checks.between(at + "load_average_1m", loadAverage1m, 0, MAX_LOAD);
        checks.between(at + "load_average_5m", loadAverage5m, 0, MAX_LOAD);
        checks.between(at + "load_average_15m", loadAverage15m, 0, MAX_LOAD);
        if (gpus != null) {
            checks.atMost(at + "gpus", gpus.size(), Limits.GPUS);
            for (int i = 0; i < gpus.size(); i++) {
                if (gpus.get(i) == null) {
                    checks.notNull(at + "gpus[" + i + "]", null);
                } else {
                    gpus.get(i).check(checks, at + "gpus[" + i + "].");
                }
            }
        }
        checks.labels(at + "resource_metadata", resourceMetadata);
    }

    /** The report of a body that is nothing but a report (PUT .../resource), after every check. */
    public static NodeResource checked(ResourceReport report) {
        FieldChecks checks = new FieldChecks();
        checks.notNull("body", report);
        if (report != null) {
            report.check(checks, "");
        }
        checks.throwIfAny();
        return report.toNodeResource("");
    }

    private static final long MAX_LOAD = 1_000_000;

    /**
     * The report for the registry, after the checks that span fields; omitted figures are 0.
     * {@code at} is where the report sits in the request body ("" or "resource."), for error paths.
     */
    NodeResource toNodeResource(String at) {
        atMost(at + "used_memory_bytes", usedMemoryBytes, "total_memory_bytes", totalMemoryBytes);
        atMost(at + "available_memory_bytes", availableMemoryBytes, "total_memory_bytes", totalMemoryBytes);
        atMost(at + "used_disk_bytes", usedDiskBytes, "total_disk_bytes", totalDiskBytes);
        List<GpuInfo> gpuInfos = new ArrayList<>();
        if (gpus != null) {
            for (int i = 0; i < gpus.size(); i++) {
                gpuInfos.add(gpus.get(i).toGpuInfo(at + "gpus[" + i + "]."));
            }
        }
        return NodeResource.builder()
                .cpuUsagePercent(cpuUsagePercent)
                .memoryUsagePercent(memoryUsagePercent)
                .totalMemoryBytes(zero(totalMemoryBytes))
                .usedMemoryBytes(zero(usedMemoryBytes))
                .availableMemoryBytes(zero(availableMemoryBytes))
                .diskUsagePercent(zero(diskUsagePercent))
                .totalDiskBytes(zero(totalDiskBytes))
                .usedDiskBytes(zero(usedDiskBytes))
                .networkRxBytesPerSec(zero(networkRxBytesPerSec))
                .networkTxBytesPerSec(zero(networkTxBytesPerSec))
                .loadAverage1m(zero(loadAverage1m))
                .loadAverage5m(zero(loadAverage5m))
                .loadAverage15m(zero(loadAverage15m))
                .gpus(gpuInfos)
                .resourceMetadata(resourceMetadata)
                .build();
    }

    static void atMost(String partField, Long part, String wholeField, Long whole) {
        if (part != null && part > (whole == null ? 0 : whole)) {
            throw new InvalidFieldException(partField, "must not exceed " + wholeField);
        }
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }

    private static double zero(Double value) {
        return value == null ? 0 : value;
    }
}
