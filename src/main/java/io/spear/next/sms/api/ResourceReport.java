package io.spear.next.sms.api;

import io.spear.next.sms.nodes.Gpu;
import io.spear.next.sms.nodes.Report;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
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
/** The JSON of a report; the node service checks the command it becomes ({@link Report}). */
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
        Double loadAverage1m,
        Double loadAverage5m,
        Double loadAverage15m,
        List<GpuReport> gpus,
        Map<String, String> resourceMetadata) {

    Report toCommand() {
        List<Gpu> commands = gpus == null
                ? null
                : gpus.stream().map(gpu -> gpu == null ? null : gpu.toCommand()).toList();
        return new Report(
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
                commands,
                resourceMetadata);
    }

    /** The command of a body that may be missing (null). */
    static Report toCommand(ResourceReport report) {
        return report == null ? null : report.toCommand();
    }
}
