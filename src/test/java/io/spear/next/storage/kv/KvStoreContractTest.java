package io.spear.next.storage.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every KvStore backend must share; one subclass per backend. */
public abstract class KvStoreContractTest {

    protected KvStore store;

    protected abstract KvStore open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    @Test
    void putThenGetReturnsTheValueAndMissingKeysAreEmpty() {
        store.put("node:1", bytes("one"));
        assertEquals("one", text(store.get("node:1").orElseThrow()));
        assertTrue(store.get("node:2").isEmpty());
        assertTrue(store.get("node:1").isPresent());
        assertFalse(store.get("node:2").isPresent());
    }

    @Test
    void getAllAnswersEveryKeyInOrder() {
        store.put("a", bytes("1"));
        store.put("c", bytes("3"));
        List<java.util.Optional<byte[]>> values = store.getAll(List.of("c", "b", "a", "c"));
        assertEquals(4, values.size());
        assertEquals("3", text(values.get(0).orElseThrow()));
        assertTrue(values.get(1).isEmpty());
        assertEquals("1", text(values.get(2).orElseThrow()));
        assertEquals("3", text(values.get(3).orElseThrow()));
        assertEquals(List.of(), store.getAll(List.of()));
    }

    @Test
    void putOverwritesAndTheCallerCannotChangeStoredBytes() {
        byte[] value = bytes("first");
        store.put("k", value);
        value[0] = 'X';
        assertEquals("first", text(store.get("k").orElseThrow()));
        store.put("k", bytes("second"));
        assertEquals("second", text(store.get("k").orElseThrow()));
        store.get("k").orElseThrow()[0] = 'Y';
        assertEquals("second", text(store.get("k").orElseThrow()));
    }

    @Test
    void emptyValuesAreValues() {
        store.put("empty", new byte[0]);
        assertTrue(store.get("empty").isPresent());
        assertEquals(0, store.get("empty").orElseThrow().length);
        assertEquals(1, store.count());
    }

    @Test
    void emptyAndNullKeysAreRejectedAndChangeNothing() {
        assertThrows(IllegalArgumentException.class, () -> store.put("", bytes("v")));
        assertThrows(IllegalArgumentException.class, () -> store.put(null, bytes("v")));
        assertThrows(IllegalArgumentException.class, () -> store.get(""));
        assertThrows(IllegalArgumentException.class, () -> store.delete(""));
        assertEquals(0, store.count());
    }

    @Test
    void valuesUpToTheWriteLimitRoundTrip() {
        // 16 MiB on the embedded backends; as much as one etcd request takes there
        byte[] big = new byte[(int) Math.min(16 << 20, store.limits().maxBytes() - 1024)];
        new Random(42).nextBytes(big);
        store.put("big", big);
        assertArrayEquals(big, store.get("big").orElseThrow());
        assertArrayEquals(big, store.range(RangeOptions.prefix("bi")).get(0).value());
    }

    @Test
    void deleteSaysWhetherTheKeyExisted() {
        store.put("k", bytes("v"));
        assertTrue(store.delete("k"));
        assertFalse(store.delete("k"));
        assertTrue(store.get("k").isEmpty());
        assertFalse(store.delete("never"));
    }

    @Test
    void keysAreOrderedAsUnsignedUtf8BytesNotAsJavaStrings() {
        // U+E000 (EE 80 80) sorts before U+1F600 (F0 9F 98 80) in UTF-8, but after it as UTF-16
        // (E000 > D83D), so String.compareTo and the store disagree on this pair.
        List<String> keys = List.of("a", "z", "\u00e9", "\uE000", "\uFFFF", "\uD83D\uDE00", "a\uD83D\uDE00", "ab");
        keys.forEach(k -> store.put(k, bytes(k)));
        List<String> expected = new ArrayList<>(keys);
        expected.sort(Comparator.comparing(k -> k.getBytes(UTF_8), Arrays::compareUnsigned));
        List<String> javaOrder = new ArrayList<>(keys);
        javaOrder.sort(Comparator.naturalOrder());
        assertNotEquals(javaOrder, expected, "the fixture must tell the two orders apart");

        assertEquals(
                expected,
                store.range(RangeOptions.all()).stream().map(KvPair::key).toList());
        assertEquals(expected, store.keysWithPrefix(""));
        List<String> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertEquals(
                reversed,
                store.range(RangeOptions.all().reversed()).stream()
                        .map(KvPair::key)
                        .toList());
        // Range bounds follow the same order: [U+E000, U+1F600) holds U+E000 and U+FFFF only.
        assertEquals(List.of("\uE000", "\uFFFF"), keys(store.range(RangeOptions.between("\uE000", "\uD83D\uDE00"))));
    }

    @Test
    void prefixScansStopAtThePrefixBoundary() {
        for (String key : List.of("node", "node:", "node:a", "node:b", "node;", "nodes", "nodf", "resource:a")) {
            store.put(key, bytes(key));
        }
        assertEquals(List.of("node:", "node:a", "node:b"), store.keysWithPrefix("node:"));
        assertEquals(List.of("node:", "node:a", "node:b"), keys(store.range(RangeOptions.prefix("node:"))));
        assertEquals(List.of("node:a"), store.keysWithPrefix("node:a"));
        assertEquals(List.of(), store.keysWithPrefix("zzz"));
        assertEquals(
                "node:b", text(store.range(RangeOptions.prefix("node:")).get(2).value()));
    }

    @Test
    void prefixScansWorkForPrefixesEndingInTheLastCodePoint() {
        String max = new String(Character.toChars(Character.MAX_CODE_POINT));
        store.put("a" + max, bytes("1"));
        store.put("a" + max + "x", bytes("2"));
        store.put("b", bytes("3"));
        store.put(max + max, bytes("4"));
        assertEquals(List.of("a" + max, "a" + max + "x"), store.keysWithPrefix("a" + max));
        assertEquals(List.of(max + max), store.keysWithPrefix(max));
    }

    @Test
    void rangeHonoursBoundsLimitAndReverse() {
        IntStream.range(0, 10).forEach(i -> store.put("k" + i, bytes("v" + i)));
        assertEquals(List.of("k2", "k3", "k4"), keys(store.range(RangeOptions.between("k2", "k5"))));
        assertEquals(
                List.of("k2", "k3"),
                keys(store.range(RangeOptions.between("k2", "k5").withLimit(2))));
        assertEquals(List.of("k7", "k8", "k9"), keys(store.range(RangeOptions.from("k7"))));
        assertEquals(List.of("k0", "k1"), keys(store.range(new RangeOptions(null, "k2", 0, false))));
        // reverse returns the LAST n keys of the range, descending
        assertEquals(
                List.of("k4", "k3"),
                keys(store.range(RangeOptions.between("k2", "k5").withLimit(2).reversed())));
        assertEquals(
                List.of("k9", "k8", "k7"),
                keys(store.range(RangeOptions.all().withLimit(3).reversed())));
        assertEquals(List.of(), keys(store.range(RangeOptions.between("k5", "k2"))));
        assertEquals(List.of(), keys(store.range(RangeOptions.between("k5", "k5"))));
        assertThrows(IllegalArgumentException.class, () -> RangeOptions.all().withLimit(-1));
    }

    @Test
    void batchPutAndBatchDeleteApplyEverything() {
        List<KvPair> pairs = IntStream.range(0, 1000)
                .mapToObj(i -> new KvPair("b:" + i, bytes("v" + i)))
                .toList();
        store.batchPut(pairs);
        assertEquals(1000, store.count());
        assertEquals("v999", text(store.get("b:999").orElseThrow()));
        List<String> toDelete = new ArrayList<>(List.of("b:1", "b:2", "b:2", "missing"));
        assertEquals(2, store.batchDelete(toDelete), "distinct keys that existed");
        assertEquals(0, store.batchDelete(List.of()));
        assertEquals(998, store.count());
        assertTrue(store.get("b:2").isEmpty());
    }

    @Test
    void aBatchWithABadEntryAppliesNothing() {
        List<KvPair> pairs = new ArrayList<>(List.of(new KvPair("x:1", bytes("1")), new KvPair("x:2", bytes("2"))));
        pairs.add(null);
        assertThrows(NullPointerException.class, () -> store.batchPut(pairs));
        assertEquals(0, store.count());
        assertThrows(IllegalArgumentException.class, () -> new KvPair("", bytes("v")));
    }

    @Test
    void writeAppliesPutsAndDeletesInOrder() {
        store.put("gone", bytes("old"));
        store.write(List.of(
                KvMutation.put("a", bytes("1")),
                KvMutation.delete("gone"),
                KvMutation.put("b", bytes("first")),
                KvMutation.put("b", bytes("last")),
                KvMutation.put("c", bytes("3")),
                KvMutation.delete("c")));
        assertEquals(List.of("a", "b"), keys(store.range(RangeOptions.all())));
        assertEquals("last", text(store.get("b").orElseThrow()));
    }

    @Test
    void writeIfAppliesOnlyWhenEveryConditionHolds() {
        store.put("node:1", bytes("v1"));
        assertFalse(store.writeIf(
                List.of(KvCondition.equalTo("node:1", bytes("stale"))),
                List.of(KvMutation.put("node:1", bytes("lost")), KvMutation.put("other", bytes("x")))));
        assertEquals("v1", text(store.get("node:1").orElseThrow()));
        assertFalse(store.get("other").isPresent(), "nothing of a refused write is applied");

        assertTrue(store.writeIf(
                List.of(KvCondition.equalTo("node:1", bytes("v1")), KvCondition.absent("node:2")),
                List.of(KvMutation.put("node:1", bytes("v2")), KvMutation.put("node:2", bytes("new")))));
        assertEquals("v2", text(store.get("node:1").orElseThrow()));
        assertFalse(store.writeIf(List.of(KvCondition.absent("node:2")), List.of(KvMutation.delete("node:2"))));
        assertTrue(store.writeIf(List.of(KvCondition.present("node:2")), List.of(KvMutation.delete("node:2"))));
        assertFalse(store.writeIf(List.of(KvCondition.present("node:2")), List.of(KvMutation.put("r", bytes("x")))));
        assertTrue(store.writeIf(List.of(KvCondition.unchanged("node:2", null)), List.of()));
    }

    @Test
    void writeIfOrReadAppliesOrReadsTheKeysAskedForInTheirOrder() {
        store.put("node:1", bytes("v1"));
        store.put("beat:1", bytes("b1"));
        assertEquals(
                Optional.empty(),
                store.writeIfOrRead(
                        List.of(KvCondition.equalTo("node:1", bytes("v1"))),
                        List.of(KvMutation.put("node:1", bytes("v2"))),
                        List.of("node:1")));
        assertEquals("v2", text(store.get("node:1").orElseThrow()));

        Optional<List<Optional<byte[]>>> refused = store.writeIfOrRead(
                List.of(KvCondition.equalTo("node:1", bytes("v1"))),
                List.of(KvMutation.put("node:1", bytes("lost")), KvMutation.delete("beat:1")),
                List.of("beat:1", "absent", "node:1"));
        assertTrue(refused.isPresent(), "a refused write reads");
        List<Optional<byte[]>> read = refused.get();
        assertEquals(3, read.size());
        assertEquals("b1", text(read.get(0).orElseThrow()));
        assertFalse(read.get(1).isPresent());
        assertEquals("v2", text(read.get(2).orElseThrow()), "the value that refused it");
        assertEquals("v2", text(store.get("node:1").orElseThrow()), "nothing of a refused write is applied");
        assertTrue(store.get("beat:1").isPresent());

        assertEquals(
                Optional.of(List.of()),
                store.writeIfOrRead(List.of(KvCondition.absent("node:1")), List.of(), List.of()));
    }

    @Test
    void concurrentCompareAndSetIncrementsLoseNothing() throws Exception {
        int threads = 4;
        int increments = 250;
        store.put("counter", bytes("0"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        boolean written;
                        do {
                            byte[] current = store.get("counter").orElseThrow();
                            byte[] next = bytes(Integer.toString(Integer.parseInt(text(current)) + 1));
                            written = store.writeIf(
                                    List.of(KvCondition.equalTo("counter", current)),
                                    List.of(KvMutation.put("counter", next)));
                        } while (!written);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(
                Integer.toString(threads * increments),
                text(store.get("counter").orElseThrow()));
    }

    @Test
    void batchesBecomeVisibleAllAtOnce() throws Exception {
        int batchSize = Math.min(200, store.limits().maxOperations());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int generation = 0; generation < 200; generation++) {
                    byte[] value = bytes("g" + generation);
                    store.batchPut(IntStream.range(0, batchSize)
                            .mapToObj(i -> new KvPair("atomic:" + i, value))
                            .toList());
                }
                stop.set(true);
                return null;
            });
            Future<Integer> reader = pool.submit(() -> {
                int torn = 0;
                while (!stop.get()) {
                    List<KvPair> snapshot = store.range(RangeOptions.prefix("atomic:"));
                    if (snapshot.isEmpty()) {
                        continue;
                    }
                    if (snapshot.size() != batchSize
                            || snapshot.stream()
                                            .map(p -> text(p.value()))
                                            .distinct()
                                            .count()
                                    != 1) {
                        torn++;
                    }
                }
                return torn;
            });
            writer.get(60, TimeUnit.SECONDS);
            assertEquals(0, reader.get(60, TimeUnit.SECONDS), "reads that saw half a batch");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentDeletesOfOneKeyReportItExactlyOnce() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                store.put("contended", bytes("v"));
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<Boolean>> deleters = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    deleters.add(() -> {
                        start.await();
                        return store.delete("contended");
                    });
                }
                List<Future<Boolean>> results =
                        deleters.stream().map(pool::submit).toList();
                start.countDown();
                int trues = 0;
                for (Future<Boolean> result : results) {
                    trues += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, trues, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countIsExactThroughOverwritesAndDeletes() {
        IntStream.range(0, 500).forEach(i -> store.put("c:" + i, bytes("v")));
        IntStream.range(0, 500).forEach(i -> store.put("c:" + i, bytes("again")));
        IntStream.range(0, 100).forEach(i -> store.delete("c:" + i));
        assertEquals(400, store.count());
    }

    @Test
    void clearRemovesEverythingAndTheStoreStaysUsable() {
        IntStream.range(0, 300).forEach(i -> store.put("c:" + i, bytes("v")));
        store.put("\uD83D\uDE00", bytes("last key"));
        store.clear();
        assertEquals(0, store.count());
        assertEquals(List.of(), store.range(RangeOptions.all()));
        store.clear();
        store.put("after", bytes("clear"));
        assertEquals(List.of("after"), keys(store.range(RangeOptions.all())));
    }

    @Test
    void aCursorWalksItsSnapshotOneByOne() {
        IntStream.range(0, 50).forEach(i -> store.put(String.format("w:%02d", i), bytes("v" + i)));
        List<String> seen = new ArrayList<>();
        try (KvCursor cursor = store.cursor(RangeOptions.prefix("w:"))) {
            store.put("w:99", bytes("written after the cursor opened"));
            store.delete("w:00");
            while (cursor.next()) {
                seen.add(cursor.key());
            }
            assertFalse(cursor.next());
            assertThrows(java.util.NoSuchElementException.class, cursor::key);
        }
        assertEquals(50, seen.size());
        assertEquals("w:00", seen.get(0));
        assertEquals("w:49", seen.get(49));
    }

    @Test
    void aCursorStopsAtItsLimit() {
        IntStream.range(0, 10).forEach(i -> store.put("l:" + i, bytes("v" + i)));
        try (KvCursor cursor =
                store.cursor(RangeOptions.prefix("l:").withLimit(3).reversed())) {
            List<KvPair> pairs = new ArrayList<>();
            while (cursor.next()) {
                pairs.add(cursor.pair());
            }
            assertEquals(List.of("l:9", "l:8", "l:7"), keys(pairs));
            assertEquals("v8", text(pairs.get(1).value()));
        }
    }

    @Test
    void statsCountWhatWasWritten() {
        IntStream.range(0, 100).forEach(i -> store.put("s:" + i, new byte[100]));
        KvStats stats = store.stats();
        assertTrue(stats.estimatedKeys() > 0, "estimated keys: " + stats);
        assertTrue(
                stats.dataBytes() > 0 || stats instanceof KvStats.RocksDb rocksDb && rocksDb.memtableBytes() > 0,
                "bytes held: " + stats);
    }

    @Test
    void everyOperationAfterCloseFailsClearlyAndCloseTwiceIsHarmless() {
        store.put("k", bytes("v"));
        KvCursor cursor = store.cursor(RangeOptions.all());
        store.close();
        store.close();
        assertFalse(store.isOpen());
        List<Consumer<KvStore>> operations = List.of(
                s -> s.get("k"),
                s -> s.getAll(List.of("k")),
                s -> s.put("k", bytes("v")),
                s -> s.delete("k"),
                s -> s.keysWithPrefix("k"),
                s -> s.range(RangeOptions.prefix("k")),
                s -> s.range(RangeOptions.all()),
                KvStore::count,
                KvStore::clear,
                s -> s.batchPut(List.of(new KvPair("k", bytes("v")))),
                s -> s.batchDelete(List.of("k")),
                s -> s.write(List.of(KvMutation.delete("k"))),
                s -> s.writeIf(List.of(KvCondition.present("k")), List.of()),
                s -> s.cursor(RangeOptions.all()),
                KvStore::stats);
        for (Consumer<KvStore> operation : operations) {
            KvStoreClosedException e = assertThrows(KvStoreClosedException.class, () -> operation.accept(store));
            assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        }
        assertThrows(KvStoreClosedException.class, cursor::next);
        cursor.close();
    }

    static List<String> keys(List<KvPair> pairs) {
        return pairs.stream().map(KvPair::key).toList();
    }
}
