package io.spear.next.registry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spear.next.registry.GpuInfo;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.NodeResource.Figure;
import io.spear.next.registry.stored.StoredReport;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoredFormTest {

    /** A report whose figures all differ, so that reading one figure for another cannot pass. */
    private static final NodeResource REPORT = NodeResource.builder()
            .cpuUsagePercent(1.5)
            .memoryUsagePercent(2.5)
            .totalMemoryBytes(3)
            .usedMemoryBytes(4)
            .availableMemoryBytes(5)
            .diskUsagePercent(6.5)
            .totalDiskBytes(7)
            .usedDiskBytes(8)
            .networkRxBytesPerSec(9)
            .networkTxBytesPerSec(10)
            .loadAverage1m(11.5)
            .loadAverage5m(12.5)
            .loadAverage15m(13.5)
            .gpus(List.of(new GpuInfo(0, "A100", 1, 1, 1), new GpuInfo(1, "A100", 1, 1, 1)))
            .resourceMetadata(Map.of())
            .build();

    @Test
    void aStoredReportsFiguresAreTheReportsFigures() {
        StoredReport stored = StoredForm.report(REPORT, "00000000-0000-4000-8000-000000000001", 14);
        NodeResource read = StoredForm.report(stored);
        Set<Double> seen = new HashSet<>();
        for (Figure figure : Figure.values()) {
            assertEquals(figure.of(read), StoredForm.figure(stored, figure), figure.jsonName());
            seen.add(figure.of(read));
        }
        assertEquals(Figure.values().length, seen.size(), "every figure reads a field of its own");
    }
}
