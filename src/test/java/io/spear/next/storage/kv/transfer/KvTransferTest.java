package io.spear.next.storage.kv.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.storage.kv.RangeOptions;
import io.spear.next.testing.MigrateKvStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's migration between backends, through the NDJSON export format. */
class KvTransferTest {

    @TempDir
    Path dir;

    static void fill(KvStore store) {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        store.put("binary", everyByte);
        store.put("big", big);
        store.put("empty", new byte[0]);
        for (String key : List.of(
                "\u00e9t\u00e9",
                "\uD83D\uDE00 emoji",
                "quote\" back\\slash",
                "new\nline",
                "tab\tand\u0000nul",
                "\uE000 private",
                "\u65e5\u672c\u8a9e",
                "e\u0301 combining")) {
            store.put(key, key.getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 2500; i++) {
            store.put(String.format("node:%05d", i), ("value " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    static byte[] export(KvStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KvExport.exportTo(store, out);
        return out.toByteArray();
    }

    @Test
    void memoryToRocksDbAndBackIsByteIdentical() {
        try (KvStore memory = KvStoreFactory.open(KvStoreConfig.memory());
                KvStore rocks = KvStoreFactory.open(
                        KvStoreConfig.rocksdb(dir.resolve("rocks").toString()));
                KvStore memoryAgain = KvStoreFactory.open(KvStoreConfig.memory())) {
            fill(memory);
            byte[] fromMemory = export(memory);
            TransferStats intoRocks = KvImport.importFrom(rocks, new ByteArrayInputStream(fromMemory));
            assertEquals(memory.count(), intoRocks.pairs());
            byte[] fromRocks = export(rocks);
            assertArrayEquals(fromMemory, fromRocks);
            KvImport.importFrom(memoryAgain, new ByteArrayInputStream(fromRocks));
            assertArrayEquals(fromMemory, export(memoryAgain));
            assertEquals(memory.range(RangeOptions.all()), memoryAgain.range(RangeOptions.all()));
            assertArrayEquals(memory.get("big").orElseThrow(), rocks.get("big").orElseThrow());
        }
    }

    @Test
    void eachLineIsOneJsonObjectWithTheKeyAndItsBase64Value() {
        try (KvStore memory = KvStoreFactory.open(KvStoreConfig.memory())) {
            memory.put("a", new byte[] {0, 1, 2});
            memory.put("b\"", "x".getBytes(StandardCharsets.UTF_8));
            assertEquals(
                    "{\"key\":\"a\",\"value\":\"AAEC\"}\n{\"key\":\"b\\\"\",\"value\":\"eA==\"}\n",
                    new String(export(memory), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aMalformedLineStopsTheImportNamingItAndKeepsWhatCameBefore() {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            stream.append("{\"key\":\"k").append(i).append("\",\"value\":\"AA==\"}\n");
        }
        stream.append("{\"key\":\"broken\",\"value\":\n");
        stream.append("{\"key\":\"after\",\"value\":\"AA==\"}\n");
        try (KvStore store = KvStoreFactory.open(KvStoreConfig.memory())) {
            KvImportException e = assertThrows(
                    KvImportException.class,
                    () -> KvImport.importFrom(
                            store, new ByteArrayInputStream(stream.toString().getBytes(StandardCharsets.UTF_8))));
            assertEquals(1501, e.line());
            assertEquals(1500, e.importedPairs());
            assertTrue(e.getMessage().startsWith("line 1501: "), e.getMessage());
            assertEquals(1500, store.count());
            assertTrue(store.get("after").isEmpty());
        }
    }

    @Test
    void linesThatAreNotPairsAreRefused() {
        for (String bad : List.of(
                "[1,2]",
                "{\"key\":\"k\"}",
                "{\"value\":\"AA==\"}",
                "{\"key\":\"\",\"value\":\"AA==\"}",
                "{\"key\":\"k\",\"value\":\"not base64!\"}",
                "{\"key\":1,\"value\":\"AA==\"}",
                "{\"key\":\"k\",\"value\":\"AA==\",\"extra\":\"x\"}",
                "{\"key\":\"k\",\"key\":\"j\",\"value\":\"AA==\"}",
                "{\"key\":\"k\",\"value\":\"AA==\"} {}",
                "not json")) {
            try (KvStore store = KvStoreFactory.open(KvStoreConfig.memory())) {
                KvImportException e = assertThrows(
                        KvImportException.class,
                        () -> KvImport.importFrom(
                                store, new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))),
                        bad);
                assertEquals(1, e.line(), bad);
                assertEquals(0, store.count(), bad);
            }
        }
    }

    @Test
    void aHundredThousandPairsMigrateThroughAPipeInASmallHeap() throws Exception {
        Path source = dir.resolve("source");
        try (KvStore store = KvStoreFactory.open(KvStoreConfig.rocksdb(source.toString()))) {
            byte[] value = new byte[1024];
            List<KvPair> batch = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                value[0] = (byte) i;
                batch.add(new KvPair(String.format("pair:%06d", i), value.clone()));
                if (batch.size() == 1000) {
                    store.batchPut(batch);
                    batch.clear();
                }
            }
        }
        // ~100 MiB of values through a 48 MiB heap: only streaming fits.
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx48m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MigrateKvStore.class.getName(),
                        source.toString(),
                        dir.resolve("target").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("imported 100000"), output);
        try (KvStore a = KvStoreFactory.open(KvStoreConfig.rocksdb(source.toString()));
                KvStore b = KvStoreFactory.open(
                        KvStoreConfig.rocksdb(dir.resolve("target").toString()))) {
            assertEquals(java.util.Arrays.hashCode(export(a)), java.util.Arrays.hashCode(export(b)));
            assertEquals(100_000, b.count());
        }
    }
}
