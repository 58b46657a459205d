package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.spear.next.registry.GpuInfo;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeResource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A node's resource figures; percentages 0-100, byte counts >= 0, used <= total", example = """
        {"cpu_usage_percent": 37.5, "memory_usage_percent": 52.1, "total_memory_bytes": 68719476736,
         "used_memory_bytes": 35802515456, "available_memory_bytes": 32916961280, "disk_usage_percent": 41.0,
         "total_disk_bytes": 1000000000000, "used_disk_bytes": 410000000000, "network_rx_bytes_per_sec": 1250000,
         "network_tx_bytes_per_sec": 830000, "load_average_1m": 2.1, "load_average_5m": 1.8, "load_average_15m": 1.5,
         "gpus": [{"index": 0, "model": "A100", "memory_total_bytes": 85899345920, "memory_used_bytes": 1073741824,
                   "utilization_percent": 12.5}],
         "resource_metadata": {"kernel": "6.1"}}""")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResourceReport(
        @NotNull @DecimalMin("0") @DecimalMax("100") Double cpuUsagePercent,
        @NotNull @DecimalMin("0") @DecimalMax("100") Double memoryUsagePercent,
        @PositiveOrZero Long totalMemoryBytes,
        @PositiveOrZero Long usedMemoryBytes,
        @PositiveOrZero Long availableMemoryBytes,
        @DecimalMin("0") @DecimalMax("100") Double diskUsagePercent,
        @PositiveOrZero Long totalDiskBytes,
        @PositiveOrZero Long usedDiskBytes,
        @PositiveOrZero Long networkRxBytesPerSec,
        @PositiveOrZero Long networkTxBytesPerSec,
        @JsonProperty("load_average_1m") @DecimalMin("0") @DecimalMax("1000000") Double loadAverage1m,
        @JsonProperty("load_average_5m") @DecimalMin("0") @DecimalMax("1000000") Double loadAverage5m,
        @JsonProperty("load_average_15m") @DecimalMin("0") @DecimalMax("1000000") Double loadAverage15m,
        @Size(max = Limits.GPUS) List<@NotNull @Valid GpuReport> gpus,
        @Size(max = Limits.MAP_ENTRIES)
        Map<@NotBlank @Size(max = Limits.MAP_KEY) String, @NotNull @Size(max = Limits.MAP_VALUE) String> resourceMetadata) {

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
