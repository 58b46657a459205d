package io.spear.next.registry.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.registry.GpuInfo;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeResource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportFilterTest {

    // 30 % cpu, 16 GiB free, one GPU
    private static final NodeResource IDLE = NodeResource.builder()
            .nodeUuid("a")
            .cpuUsagePercent(30)
            .availableMemoryBytes(16L << 30)
            .gpus(List.of(new GpuInfo(0, "A100", 80, 1, 5)))
            .build();
    // 80 % cpu, 2 GB free, no GPU
    private static final NodeResource BUSY = NodeResource.builder()
            .nodeUuid("b")
            .cpuUsagePercent(80)
            .availableMemoryBytes(2_000_000_000L)
            .build();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                                | true  | true",
                "cpu_usage_percent<50                              | true  | false",
                "cpu_usage_percent <= 30                           | true  | false",
                "cpu_usage_percent>30                              | false | true",
                "cpu_usage_percent>=80                             | false | true",
                "cpu_usage_percent=80                              | false | true",
                "cpu_usage_percent==80                             | false | true",
                "cpu_usage_percent!=80                             | true  | false",
                "available_memory_bytes>=8Gi                       | true  | false",
                "available_memory_bytes>=2G                        | true  | true",
                "available_memory_bytes>2G                         | true  | false",
                "available_memory_bytes=16Gi                       | true  | false",
                "available_memory_bytes>0.5Ki                      | true  | true",
                "'cpu_usage_percent<50, available_memory_bytes>=8Gi' | true  | false",
                "gpu_count>0                                       | true  | false",
                "cpu_usage_percent<90,gpu_count=0                  | false | true",
            })
    void comparesReportFigures(String filter, boolean idle, boolean busy) {
        ReportFilter parsed = ReportFilter.parse(filter);
        assertEquals(idle, parsed.matches(IDLE), "idle");
        assertEquals(busy, parsed.matches(BUSY), "busy");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "cpu_usage_percent                | at position 18: expected one of < <= > >= = != after 'cpu_usage_percent', found the end",
                "cpu<50                           | at position 1: 'cpu' is not a report figure; one of cpu_usage_percent,",
                "<50                              | at position 1: expected a report figure; one of cpu_usage_percent,",
                "cpu_usage_percent<               | at position 19: expected a number such as 50, 2.5 or 8Gi, found the end",
                "cpu_usage_percent<fifty          | at position 19: 'fifty' is not a unit; one of k, M, G, T, P, Ki, Mi, Gi, Ti, Pi, found 'f'",
                "available_memory_bytes>8GB       | at position 25: 'GB' is not a unit; one of k, M, G, T, P, Ki, Mi, Gi, Ti, Pi, found 'G'",
                "cpu_usage_percent!50             | at position 19: expected '=' after '!', found '5'",
                "cpu_usage_percent<50,            | at position 22: expected one of < <= > >= = != after '', found the end",
                "'cpu_usage_percent< 5x5'         | at position 20: expected a number such as 50, 2.5 or 8Gi, found '5'",
            })
    void aMalformedFilterNamesThePosition(String filter, String message) {
        InvalidFieldException error = assertThrows(InvalidFieldException.class, () -> ReportFilter.parse(filter));
        assertEquals("filter", error.field());
        assertTrue(error.getMessage().startsWith("filter: " + message), error.getMessage());
    }

    @Test
    void anOrderNamesOneFigureAscendingOrDescending() {
        NodeResource middle =
                NodeResource.builder().nodeUuid("c").cpuUsagePercent(50).build();
        NodeResource tie =
                NodeResource.builder().nodeUuid("0").cpuUsagePercent(50).build();
        assertEquals(
                List.of(IDLE, tie, middle, BUSY),
                Stream.of(BUSY, middle, IDLE, tie)
                        .sorted(ReportFilter.order("cpu_usage_percent"))
                        .toList());
        assertEquals(
                List.of(BUSY, tie, middle, IDLE),
                Stream.of(IDLE, middle, BUSY, tie)
                        .sorted(ReportFilter.order(" -cpu_usage_percent "))
                        .toList());
        assertEquals(null, ReportFilter.order(""));
        InvalidFieldException error = assertThrows(InvalidFieldException.class, () -> ReportFilter.order("-cpu"));
        assertEquals("sort", error.field());
    }
}
