package io.spear.next.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.registry.NodeRegistration;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.NodeResourceRegistry;
import io.spear.next.registry.Registry;
import io.spear.next.registry.RegistrySettings;
import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvConfigException;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.storage.kv.KvStoreLockedException;
import io.spear.next.storage.kv.LocalFiles;
import io.spear.next.storage.kv.RangeOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of the design note ({@code ../shared/seed/rocksdb-support.md}) in their Java shape,
 * as docs/STORAGE.md shows them: each runs here, so what the note shows a user doing keeps working.
 */
class SeedExamplesTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** "Basic configuration": a RocksDB config, a store from it, put and get. */
    @Test
    void aStoreFromAConfigPutsAndGets() throws Exception {
        KvStoreConfig config = KvStoreConfig.rocksdb(dir.resolve("rocksdb").toString());
        try (KvStore kvStore = KvStoreFactory.open(config)) {
            kvStore.put("key", utf8("value"));
            Optional<byte[]> value = kvStore.get("key");
            assertArrayEquals(utf8("value"), value.orElseThrow());
        }
        try (KvStore reopened = KvStoreFactory.open(config)) {
            assertArrayEquals(utf8("value"), reopened.get("key").orElseThrow(), "durable across a reopen");
        }
    }

    /** "Custom configuration parameters": max_open_files and a 64 MB write buffer, applied by RocksDB. */
    @Test
    void parametersReachRocksDb() throws Exception {
        KvStoreConfig config = KvStoreConfig.rocksdb(dir.resolve("tuned").toString())
                .withParam("max_open_files", "1000")
                .withParam("write_buffer_size", "67108864"); // 64MB
        try (KvStore kvStore = KvStoreFactory.open(config)) {
            kvStore.put("k", utf8("v"));
        }
        String options;
        try (var files = Files.list(dir.resolve("tuned"))) {
            Path latest = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
            options = Files.readString(latest);
        }
        assertTrue(options.contains("max_open_files=1000"), "RocksDB's OPTIONS file records max_open_files");
        assertTrue(options.contains("write_buffer_size=67108864"), "and write_buffer_size");
    }

    /** "Environment variable configuration": KV_BACKEND=rocksdb and KV_PATH, as create_kv_store_from_env. */
    @Test
    void aStoreFromTheEnvironment() throws Exception {
        Path path = dir.resolve("from-env");
        try (KvStore kvStore = KvStoreFactory.fromEnv(Map.of(
                "KV_BACKEND", "rocksdb",
                "KV_PATH", path.toString(),
                "KV_ROCKSDB_MAX_OPEN_FILES", "500"))) {
            assertEquals(KvBackend.ROCKSDB, kvStore.backend());
            assertEquals(
                    path.toAbsolutePath().normalize(),
                    kvStore.unwrap(LocalFiles.class).orElseThrow().directory());
            kvStore.put("key", utf8("value"));
        }
        assertEquals(
                Map.of("max_open_files", "500"),
                KvStoreFactory.configFromEnv(
                                Map.of("KV_BACKEND", "rocksdb", "KV_PATH", "x", "KV_ROCKSDB_MAX_OPEN_FILES", "500"))
                        .params());
        try (KvStore memory = KvStoreFactory.fromEnv(Map.of())) {
            assertEquals(KvBackend.MEMORY, memory.backend(), "memory when KV_BACKEND is unset");
        }
        KvConfigException unknown =
                assertThrows(KvConfigException.class, () -> KvStoreFactory.fromEnv(Map.of("KV_BACKEND", "sled")));
        assertTrue(unknown.getMessage().contains("supported backends: memory, rocksdb, etcd"), unknown.getMessage());
        KvConfigException noPath =
                assertThrows(KvConfigException.class, () -> KvStoreFactory.fromEnv(Map.of("KV_BACKEND", "rocksdb")));
        assertTrue(noPath.getMessage().contains("KV_PATH"), noPath.getMessage());
    }

    /** "Integration with NodeRegistry": both registries on one shared store. */
    @Test
    void bothRegistriesShareOneStore() throws Exception {
        try (KvStore kvStore =
                KvStoreFactory.open(KvStoreConfig.rocksdb(dir.resolve("shared").toString()))) {
            Registry registry = Registry.open(kvStore, RegistrySettings.DEFAULTS);
            NodeRegistry nodeRegistry = registry.nodes();
            NodeResourceRegistry resourceRegistry = registry.resources();

            String uuid = nodeRegistry
                    .register(new NodeRegistration(null, "worker-1", "10.0.0.7", 7000, null, Map.of()))
                    .uuid();
            resourceRegistry.update(
                    uuid, NodeResource.builder().cpuUsagePercent(42.5).build());
            assertEquals(42.5, resourceRegistry.get(uuid).orElseThrow().cpuUsagePercent());
            assertEquals("worker-1", nodeRegistry.get(uuid).orElseThrow().name());

            // "Monitoring": the number of keys the registries wrote
            long count = kvStore.count();
            assertTrue(count >= 2, "the node and its report at least, got " + count);
        }
        KvStoreLockedException locked = assertThrows(KvStoreLockedException.class, () -> {
            try (KvStore first = KvStoreFactory.open(
                            KvStoreConfig.rocksdb(dir.resolve("locked").toString()));
                    KvStore second = KvStoreFactory.open(
                            KvStoreConfig.rocksdb(dir.resolve("locked").toString()))) {
                first.count();
                second.count();
            }
        });
        // the troubleshooting section's error: one store per directory, named with what to do
        assertTrue(
                locked.getMessage().contains(dir.resolve("locked").toString())
                        && locked.getMessage().contains("use a different directory"),
                locked.getMessage());
    }

    /** "Migrating from memory storage": export every pair, then put each into RocksDB. */
    @Test
    void dataMigratesFromMemoryToRocksDb() throws Exception {
        try (KvStore memoryStore = KvStoreFactory.open(KvStoreConfig.memory())) {
            for (int i = 0; i < 100; i++) {
                memoryStore.put("node:" + i, utf8("record " + i));
            }
            List<KvPair> allData = memoryStore.range(RangeOptions.all());

            try (KvStore rocksdbStore = KvStoreFactory.open(
                    KvStoreConfig.rocksdb(dir.resolve("migrated").toString()))) {
                for (KvPair pair : allData) {
                    rocksdbStore.put(pair.key(), pair.value());
                }
                assertEquals(memoryStore.count(), rocksdbStore.count());
                assertEquals(allData, rocksdbStore.range(RangeOptions.all()));
            }
        }
    }
}
