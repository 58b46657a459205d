package io.spear.next.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the registry's tests register and report, in whichever room they test. */
public final class RegistryFixtures {

    /** When the tests' clocks start. */
    public static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    private RegistryFixtures() {}

    /** A worker at 10.0.0.7:7000 (HTTP 8080) with these labels; a null uuid asks for a new one. */
    public static NodeRegistration registration(String uuid, Map<String, String> metadata) {
        return new NodeRegistration(uuid, "worker", "10.0.0.7", 7000, 8080, metadata);
    }

    /** A full report (one GPU) with these figures. */
    public static NodeResource report(double cpu, double memory, double load1m) {
        return NodeResource.builder()
                .cpuUsagePercent(cpu)
                .memoryUsagePercent(memory)
                .totalMemoryBytes(16_000)
                .usedMemoryBytes(8_000)
                .availableMemoryBytes(8_000)
                .diskUsagePercent(40)
                .totalDiskBytes(100_000)
                .usedDiskBytes(40_000)
                .networkRxBytesPerSec(10)
                .networkTxBytesPerSec(20)
                .loadAverage1m(load1m)
                .loadAverage5m(1)
                .loadAverage15m(1)
                .gpus(List.of(new GpuInfo(0, "A100", 80_000, 1_000, 12.5)))
                .resourceMetadata(Map.of("rack", "r1"))
                .build();
    }
}
