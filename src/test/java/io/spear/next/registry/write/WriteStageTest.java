package io.spear.next.registry.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.registry.RegistryBusyException;
import io.spear.next.registry.format.NodeState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The writer stage on its own: batches, each node's order, the bounded queue, failures. */
class WriteStageTest {

    /** Longer than any of these tests waits: no change is refused for its age. */
    private static final Duration PATIENT = Duration.ofMinutes(10);

    /** A commit that records each batch's uuids and answers every change; the first batch waits for {@link #release}. */
    private static final class Writes implements Consumer<List<PendingChange<?>>> {
        final List<List<String>> batches = new ArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void accept(List<PendingChange<?>> batch) {
            synchronized (this) {
                batches.add(batch.stream().map(change -> change.uuid).toList());
            }
            firstStarted.countDown();
            try {
                assertTrue(release.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            for (PendingChange<?> change : batch) {
                change.plan(NodeState.absent(change.uuid));
                change.succeed();
            }
        }
    }

    private static PendingChange<String> change(String uuid, String result) {
        return new PendingChange<>(uuid, state -> new Transition<>(state, result));
    }

    @Test
    void changesThatArriveDuringAWriteShareTheNextOneEachNodeInItsOrder() throws Exception {
        Writes writes = new Writes();
        WriteStage stage = new WriteStage(8, 1, 100, PATIENT, writes);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        answers.add(stage.submit(change("a", "a1")));
        assertTrue(writes.firstStarted.await(10, TimeUnit.SECONDS));
        // while a1 is written: a second and third beat of a, and one of b and c
        for (String[] beat : new String[][] {{"a", "a2"}, {"b", "b1"}, {"a", "a3"}, {"c", "c1"}}) {
            answers.add(stage.submit(change(beat[0], beat[1])));
        }
        assertEquals(4, stage.queued());
        writes.release.countDown();

        List<String> results = new ArrayList<>();
        for (CompletableFuture<String> answer : answers) {
            results.add(answer.get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of("a1", "a2", "b1", "a3", "c1"), results, "each caller gets its own change's result");
        // a2, b1, c1 go together; a3 waits for a2's write: a node is never twice in one write
        assertEquals(List.of(List.of("a"), List.of("a", "b", "c"), List.of("a")), writes.batches);
        assertEquals(0, stage.queued());
    }

    @Test
    void aFullQueueRefusesAtOnceAndWhatItHoldsIsStillWritten() throws Exception {
        Writes writes = new Writes();
        WriteStage stage = new WriteStage(8, 1, 2, PATIENT, writes);
        CompletableFuture<String> first = stage.submit(change("a", "a1"));
        assertTrue(writes.firstStarted.await(10, TimeUnit.SECONDS));
        CompletableFuture<String> b = stage.submit(change("b", "b1"));
        CompletableFuture<String> c = stage.submit(change("c", "c1"));

        RegistryBusyException busy = assertThrows(RegistryBusyException.class, () -> stage.submit(change("d", "d1")));
        assertTrue(busy.getMessage().contains("2 changes waiting"), busy.getMessage());

        writes.release.countDown();
        assertEquals("a1", first.get(10, TimeUnit.SECONDS));
        assertEquals("b1", b.get(10, TimeUnit.SECONDS));
        assertEquals("c1", c.get(10, TimeUnit.SECONDS));
        assertFalse(
                writes.batches.stream().anyMatch(batch -> batch.contains("d")), "the refused change was never written");
        assertEquals("d2", stage.submit(change("d", "d2")).get(10, TimeUnit.SECONDS), "room again once written");
    }

    @Test
    void aFailedWriteFailsItsBatchOnlyAndTheWriterGoesOn() throws Exception {
        IllegalStateException diskGone = new IllegalStateException("disk gone");
        List<List<String>> batches = new ArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WriteStage stage = new WriteStage(8, 1, 100, PATIENT, batch -> {
            batches.add(batch.stream().map(change -> change.uuid).toList());
            firstStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (batch.get(0).uuid.equals("a")) {
                throw diskGone;
            }
            batch.forEach(change -> {
                change.plan(NodeState.absent(change.uuid));
                change.succeed();
            });
        });
        CompletableFuture<String> failed = stage.submit(change("a", "a1"));
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        CompletableFuture<String> next = stage.submit(change("b", "b1"));
        release.countDown();

        CompletionException error = assertThrows(CompletionException.class, failed::join);
        assertSame(diskGone, error.getCause());
        assertEquals("b1", next.get(10, TimeUnit.SECONDS));
        assertEquals(2, new HashSet<>(batches).size());
    }

    @Test
    void aChangeThatWaitedPastTheLimitIsRefusedNotWrittenAndYoungerOnesAreWritten() throws Exception {
        Writes writes = new Writes();
        Duration maxWait = Duration.ofMillis(200);
        WriteStage stage = new WriteStage(8, 1, 100, maxWait, writes);
        CompletableFuture<String> first = stage.submit(change("a", "a1"));
        assertTrue(writes.firstStarted.await(10, TimeUnit.SECONDS));
        long queued = System.nanoTime();
        CompletableFuture<String> stale = stage.submit(change("b", "b1"));
        // the write of a1 outlasts b1's patience
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - queued > maxWait.toNanos());
        CompletableFuture<String> fresh = stage.submit(change("c", "c1"));
        writes.release.countDown();

        assertEquals("a1", first.get(10, TimeUnit.SECONDS));
        CompletionException refused = assertThrows(CompletionException.class, stale::join);
        assertTrue(refused.getCause() instanceof RegistryBusyException, refused.toString());
        assertTrue(
                refused.getCause().getMessage().contains("waited over 200 ms"),
                refused.getCause().getMessage());
        assertEquals("c1", fresh.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("a"), List.of("c")), writes.batches, "b1 never reached the store");
        assertEquals(0, stage.queued());
    }
}
