package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.spear.next.registry.GpuInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One GPU: index >= 0 and the three figures required; utilization 0-100, memory_used_bytes <= "
        + "memory_total_bytes; model up to 253 characters")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GpuReport(
        Integer index,
        String model,
        Long memoryTotalBytes,
        Long memoryUsedBytes,
        Double utilizationPercent) {

    void check(FieldChecks checks, String at) {
        checks.notNull(at + "index", index);
        checks.notNegative(at + "index", index);
        if (model != null) {
            checks.atMost(at + "model", model.length(), Limits.NAME);
        }
        checks.notNull(at + "memory_total_bytes", memoryTotalBytes);
        checks.notNegative(at + "memory_total_bytes", memoryTotalBytes);
        checks.notNull(at + "memory_used_bytes", memoryUsedBytes);
        checks.notNegative(at + "memory_used_bytes", memoryUsedBytes);
        checks.notNull(at + "utilization_percent", utilizationPercent);
        checks.between(at + "utilization_percent", utilizationPercent, 0, 100);
    }

    /** The GPU for the registry; {@link #check} passed. */
    GpuInfo toGpuInfo(String at) {
        ResourceReport.atMost(at + "memory_used_bytes", memoryUsedBytes, "memory_total_bytes", memoryTotalBytes);
        return new GpuInfo(index, model, memoryTotalBytes, memoryUsedBytes, utilizationPercent);
    }
}
