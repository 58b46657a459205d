package io.spear.next.sms.nodes;

import io.spear.next.registry.GpuInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One GPU of a report, as any protocol receives it: index >= 0 and the three figures required. */
@Schema(
        name = "GpuReport",
        description = "One GPU: index >= 0 and the three figures required; utilization 0-100, memory_used_bytes <= "
                + "memory_total_bytes; model up to 253 characters")
public record Gpu(Integer index, String model, Long memoryTotalBytes, Long memoryUsedBytes, Double utilizationPercent) {

    void check(FieldChecks checks) {
        checks.notNull("index", index);
        checks.notNegative("index", index);
        if (model != null) {
            checks.atMost("model", model.length(), Limits.NAME);
        }
        checks.notNull("memory_total_bytes", memoryTotalBytes);
        checks.notNegative("memory_total_bytes", memoryTotalBytes);
        checks.notNull("memory_used_bytes", memoryUsedBytes);
        checks.notNegative("memory_used_bytes", memoryUsedBytes);
        checks.notNull("utilization_percent", utilizationPercent);
        checks.between("utilization_percent", utilizationPercent, 0, 100);
    }

    /** The GPU for the registry; {@link #check} passed. */
    GpuInfo toGpuInfo(String at) {
        Report.atMost(at, "memory_used_bytes", memoryUsedBytes, "memory_total_bytes", memoryTotalBytes);
        return new GpuInfo(index, model, memoryTotalBytes, memoryUsedBytes, utilizationPercent);
    }
}
