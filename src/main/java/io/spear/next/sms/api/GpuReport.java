package io.spear.next.sms.api;

import io.spear.next.sms.nodes.Gpu;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        description = "One GPU: index >= 0 and the three figures required; utilization 0-100, memory_used_bytes <= "
                + "memory_total_bytes; model up to 253 characters")
public record GpuReport(
        Integer index, String model, Long memoryTotalBytes, Long memoryUsedBytes, Double utilizationPercent) {

    Gpu toCommand() {
        return new Gpu(index, model, memoryTotalBytes, memoryUsedBytes, utilizationPercent);
    }
}
