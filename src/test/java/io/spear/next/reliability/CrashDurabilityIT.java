package io.spear.next.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash harness, short: a few kill -9 and SIGTERM cycles of the packaged jar under write load (REST and a gRPC stream). */
class CrashDurabilityIT {

    @TempDir
    Path work;

    @Test
    void killNineUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        CrashHarness.Report report = new CrashHarness(work, Map.of(), 4, 20, 42)
                .run(3, Duration.ofMillis(700), Duration.ofMillis(1500), CrashHarness.Stop.KILL);
        assertEquals(List.of(), report.violations());
        assertTrue(report.acknowledged() > 100, "the load wrote: " + report.acknowledged());
        assertTrue(report.streamed() > 100, "the agent's stream wrote: " + report.streamed());
        assertEquals(4, report.cycles().size());
    }

    @Test
    void sigtermUnderLoadFinishesOrRefusesCleanlyAndTheNextStartHasEverything() throws Exception {
        CrashHarness.Report report = new CrashHarness(work, Map.of(), 4, 20, 7)
                .run(2, Duration.ofMillis(700), Duration.ofMillis(1500), CrashHarness.Stop.TERM);
        assertEquals(List.of(), report.violations());
        for (CrashHarness.Cycle cycle : report.cycles()) {
            assertTrue(cycle.exitCode() == 0 || cycle.exitCode() == 143, "exit code " + cycle.exitCode());
            assertEquals(List.of(), cycle.errorLines(), "cycle " + cycle.number());
            assertTrue(cycle.recoverySeconds() < 30, "restart took " + cycle.recoverySeconds() + " s");
        }
    }
}
