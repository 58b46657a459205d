package io.spear.next.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellExamplesTest {

    @Test
    void everyShellExampleIsRunOrMarkedAsIllustration() {
        List<String> unmarked = ShellExamples.all().stream()
                .filter(block ->
                        !List.of(ShellExamples.RUN, ShellExamples.ILLUSTRATION).contains(block.marker()))
                .map(block -> block.where(ShellExamples.README))
                .toList();
        assertEquals(
                List.of(),
                unmarked,
                "bash blocks without <!-- " + ShellExamples.RUN + " --> or <!-- " + ShellExamples.ILLUSTRATION
                        + " --> on the line before");
    }

    @Test
    void registerHeartbeatListAndMigrationAreAmongTheRunExamples() {
        String run = String.join(
                "\n", ShellExamples.run().stream().map(Markdown.Block::text).toList());
        for (String call :
                List.of("/api/v1/nodes -H", "/heartbeat", "/api/v1/nodes?", "/admin/export", "/admin/import")) {
            assertTrue(run.contains(call), "a run example calls " + call);
        }
    }
}
