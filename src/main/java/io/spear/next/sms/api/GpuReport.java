package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.spear.next.registry.GpuInfo;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GpuReport(
        @NotNull @Min(0) Integer index,
        @Size(max = Limits.NAME) String model,
        @NotNull @PositiveOrZero Long memoryTotalBytes,
        @NotNull @PositiveOrZero Long memoryUsedBytes,
        @NotNull @DecimalMin("0") @DecimalMax("100") Double utilizationPercent) {

    GpuInfo toGpuInfo(String at) {
        ResourceReport.atMost(at + "memory_used_bytes", memoryUsedBytes, "memory_total_bytes", memoryTotalBytes);
        return new GpuInfo(index, model, memoryTotalBytes, memoryUsedBytes, utilizationPercent);
    }
}
