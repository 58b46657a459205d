package io.spear.next.registry.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.NodeRegistration;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeUpdate;
import io.spear.next.registry.Registry;
import io.spear.next.registry.RegistryEvent;
import io.spear.next.registry.RegistrySettings;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.memory.MemoryKvStore;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RegistryEventsTest {

    /** What a history log would keep in memory; an embedded log keeps what trimming leaves. */
    private static final long RETENTION = 100_000;

    @Test
    void readersNeverPassARevisionStillBeingWritten() {
        StoredEventLog events = (StoredEventLog) RegistryEvents.open(new MemoryKvStore(), RETENTION);
        long[] first = events.reserve(1);
        long[] second = events.reserve(1);
        events.release(second, true);
        assertEquals(first[0] - 1, events.watermark(), "the later write is done, the earlier one is not");
        events.release(first, false);
        assertEquals(second[0], events.watermark(), "a write that lost its race leaves a gap, not a wait");
    }

    @Test
    void trimKeepsTheNewestEventsAcrossBatchesAndTheSequenceResumesAfterThem() {
        KvStore store = new MemoryKvStore();
        RegistryEvents events = RegistryEvents.open(store, RETENTION);
        NodeRegistry nodes = Registry.open(
                        store, new RegistrySettings(Clock.systemUTC(), HighLoadThresholds.DEFAULTS, events))
                .nodes();
        String uuid = nodes.register(new NodeRegistration(null, "n", "10.0.0.1", 7000, null, null))
                .uuid();
        int updates = 25_000; // more than one trim batch
        for (int i = 0; i < updates; i++) {
            nodes.update(uuid, new NodeUpdate("n" + i, null, null, null, null, null), OptionalLong.empty());
        }
        long newest = events.watermark();
        assertEquals(updates + 1, newest);

        assertEquals(updates + 1 - 100, events.trim(100));
        assertEquals(newest - 99, events.floor());
        List<RegistryEvent> kept = events.after(events.floor() - 1, 1000);
        assertEquals(100, kept.size());
        assertEquals(events.floor(), kept.get(0).revision());
        assertEquals("n" + (updates - 1), kept.get(99).node().name());
        assertEquals(0, events.trim(100), "nothing more to trim");

        StoredEventLog reopened = (StoredEventLog) RegistryEvents.open(store, RETENTION);
        assertEquals(events.floor(), reopened.floor());
        assertEquals(newest, reopened.watermark());
        long[] next = reopened.reserve(1);
        assertTrue(next[0] > newest, "no revision is given twice");
    }
}
