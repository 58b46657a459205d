package io.spear.next.sms.nodes;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A node's resource report as any protocol receives it, before its checks: cpu and memory usage
 * required, every other figure 0 when left out (null). Percentages 0-100, load averages up to
 * {@link #MAX_LOAD}, byte counts >= 0, used <= total, up to {@link Limits#GPUS} GPUs. The REST API
 * binds its JSON to it (schema ResourceReport).
 */
@Schema(
        name = "ResourceReport",
        description = "A node's resource figures: cpu_usage_percent and memory_usage_percent required, the rest "
                + "0 when left out; percentages 0-100, load averages 0-1000000, byte counts >= 0, used <= total; up to 64 "
                + "gpus; resource_metadata as health_info",
        example = """
        {"cpu_usage_percent": 37.5, "memory_usage_percent": 52.1, "total_memory_bytes": 68719476736,
         "used_memory_bytes": 35802515456, "available_memory_bytes": 32916961280, "disk_usage_percent": 41.0,
         "total_disk_bytes": 1000000000000, "used_disk_bytes": 410000000000, "network_rx_bytes_per_sec": 1250000,
         "network_tx_bytes_per_sec": 830000, "load_average_1m": 2.1, "load_average_5m": 1.8, "load_average_15m": 1.5,
         "gpus": [{"index": 0, "model": "A100", "memory_total_bytes": 85899345920, "memory_used_bytes": 1073741824,
                   "utilization_percent": 12.5}],
         "resource_metadata": {"kernel": "6.1"}}""")
public record Report(
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
        Double loadAverage1m,
        Double loadAverage5m,
        Double loadAverage15m,
        List<Gpu> gpus,
        Map<String, String> resourceMetadata) {

    public static final long MAX_LOAD = 1_000_000;

    /** The checks of each field on its own, the fields named where the report sits in the request. */
    void check(FieldChecks checks) {
        checks.notNull("cpu_usage_percent", cpuUsagePercent);
        checks.between("cpu_usage_percent", cpuUsagePercent, 0, 100);
        checks.notNull("memory_usage_percent", memoryUsagePercent);
        checks.between("memory_usage_percent", memoryUsagePercent, 0, 100);
        checks.between("disk_usage_percent", diskUsagePercent, 0, 100);
        checks.notNegative("total_memory_bytes", totalMemoryBytes);
        checks.notNegative("used_memory_bytes", usedMemoryBytes);
        checks.notNegative("available_memory_bytes", availableMemoryBytes);
        checks.notNegative("total_disk_bytes", totalDiskBytes);
        checks.notNegative("used_disk_bytes", usedDiskBytes);
        checks.notNegative("network_rx_bytes_per_sec", networkRxBytesPerSec);
        checks.notNegative("network_tx_bytes_per_sec", networkTxBytesPerSec);
        checks.between("load_average_1m", loadAverage1m, 0, MAX_LOAD);
        checks.between("load_average_5m", loadAverage5m, 0, MAX_LOAD);
        checks.between("load_average_15m", loadAverage15m, 0, MAX_LOAD);
        if (gpus != null) {
            checks.atMost("gpus", gpus.size(), Limits.GPUS);
            for (int i = 0; i < gpus.size(); i++) {
                if (gpus.get(i) == null) {
                    checks.notNull("gpus[" + i + "]", null);
                } else {
                    gpus.get(i).check(checks.at("gpus[" + i + "]."));
                }
            }
        }
        checks.labels("resource_metadata", resourceMetadata);
    }

    /** The report of a request that is nothing but a report (a PUT of one), after every check. */
    static NodeResource checked(Report report) {
        FieldChecks checks = new FieldChecks();
        checks.notNull("body", report);
        if (report != null) {
            report.check(checks);
        }
        checks.throwIfAny();
        return report.toNodeResource("");
    }

    /**
     * The report for the registry, after the checks that span fields; omitted figures are 0.
     * {@code at} is where the report sits in the request ("" or "resource."), for error paths.
     */
    NodeResource toNodeResource(String at) {
        atMost(at, "used_memory_bytes", usedMemoryBytes, "total_memory_bytes", totalMemoryBytes);
        atMost(at, "available_memory_bytes", availableMemoryBytes, "total_memory_bytes", totalMemoryBytes);
        atMost(at, "used_disk_bytes", usedDiskBytes, "total_disk_bytes", totalDiskBytes);
        List<io.spear.next.registry.GpuInfo> gpuInfos = new ArrayList<>();
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

    /** {@code part} (the field {@code at + partField}) within {@code whole}; the name is joined only when it is not. */
    static void atMost(String at, String partField, Long part, String wholeField, Long whole) {
        if (part != null && part > (whole == null ? 0 : whole)) {
            throw new InvalidFieldException(at + partField, "must not exceed " + wholeField);
        }
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }

    private static double zero(Double value) {
        return value == null ? 0 : value;
    }
}
