package io.spear.next.storage.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.rocksdb.RocksDbKvStore;
import io.spear.next.storage.kv.rocksdb.RocksDbParam;
import io.spear.next.storage.kv.rocksdb.RocksDbProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rocksdb.TickerType;

/** Every RocksDB parameter reaches RocksDB itself: read back from the OPTIONS file it writes or from its own counters. */
class RocksDbParamsTest {

    @TempDir
    Path dir;

    @Test
    void everyTuningParameterIsAppliedByRocksDb() throws IOException {
        KvStoreConfig config = KvStoreConfig.rocksdb(dir.toString())
                .withParam("max_open_files", "1000")
                .withParam("write_buffer_size", "32MiB")
                .withParam("max_write_buffer_number", "3")
                .withParam("block_cache_size", "16777216")
                .withParam("compression", "zstd")
                .withParam("bloom_filter_bits", "12")
                .withParam("wal_recovery_mode", "absolute_consistency")
                .withParam("max_background_jobs", "3");
        try (RocksDbKvStore store = (RocksDbKvStore) KvStoreFactory.open(config)) {
            String options = latestOptionsFile(dir);
            assertOption(options, "max_open_files=1000");
            assertOption(options, "write_buffer_size=33554432");
            assertOption(options, "max_write_buffer_number=3");
            assertOption(options, "compression=kZSTD");
            assertOption(options, "filter_policy=bloomfilter:12");
            assertOption(options, "wal_recovery_mode=kAbsoluteConsistency");
            assertOption(options, "max_background_jobs=3");
            assertEquals("16777216", RocksDbProbe.property(store, "rocksdb.block-cache-capacity"));
        }
    }

    @Test
    void compressionNamesMapToRocksDbTypes() throws IOException {
        for (String[] pair : new String[][] {
            {"none", "kNoCompression"}, {"snappy", "kSnappyCompression"}, {"lz4", "kLZ4Compression"}, {"zstd", "kZSTD"}
        }) {
            Path db = dir.resolve(pair[0]);
            try (KvStore store =
                    KvStoreFactory.open(KvStoreConfig.rocksdb(db.toString()).withParam("compression", pair[0]))) {
                assertOption(latestOptionsFile(db), "compression=" + pair[1]);
            }
        }
    }

    @Test
    void syncFsyncsTheWalOnEveryWriteAndIsOffByDefault() {
        try (RocksDbKvStore synced = (RocksDbKvStore) KvStoreFactory.open(
                KvStoreConfig.rocksdb(dir.resolve("sync").toString()).withParam("sync", "true"))) {
            for (int i = 0; i < 5; i++) {
                synced.put("k" + i, new byte[] {1});
            }
            assertTrue(
                    RocksDbProbe.ticker(synced, TickerType.WAL_FILE_SYNCED) >= 5,
                    "WAL syncs: " + RocksDbProbe.ticker(synced, TickerType.WAL_FILE_SYNCED));
        }
        try (RocksDbKvStore unsynced = (RocksDbKvStore)
                KvStoreFactory.open(KvStoreConfig.rocksdb(dir.resolve("nosync").toString()))) {
            for (int i = 0; i < 5; i++) {
                unsynced.put("k" + i, new byte[] {1});
            }
            assertEquals(0, RocksDbProbe.ticker(unsynced, TickerType.WAL_FILE_SYNCED));
        }
    }

    @Test
    void zeroBlockCacheAndZeroBloomBitsTurnThemOff() throws IOException {
        try (RocksDbKvStore store = (RocksDbKvStore) KvStoreFactory.open(KvStoreConfig.rocksdb(dir.toString())
                .withParam("block_cache_size", "0")
                .withParam("bloom_filter_bits", "0"))) {
            String options = latestOptionsFile(dir);
            assertOption(options, "no_block_cache=true");
            assertOption(options, "filter_policy=nullptr");
            assertEquals(0, ((KvStats.RocksDb) store.stats()).blockCacheBytes());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "max_open_files|-2|an integer >= -1",
                "max_open_files|many|an integer >= -1",
                "write_buffer_size|1KiB|a size >= 64KiB",
                "write_buffer_size|64XB|a size >= 64KiB",
                "max_write_buffer_number|1|an integer >= 2",
                "block_cache_size|-1|0 disables the block cache",
                "compression|gzip|one of none, snappy, lz4, zstd",
                "bloom_filter_bits|NaN|bits per key",
                "sync|yes|true (fsync the WAL on every write) or false",
                "wal_recovery_mode|best_effort|one of tolerate_corrupted_tail_records, absolute_consistency",
                "max_background_jobs|0|an integer from 1 to 64",
            })
    void aBadValueFailsAtOpenNamingTheParameterAndWhatItAccepts(String param, String value, String accepted) {
        KvConfigException e = assertThrows(
                KvConfigException.class,
                () -> KvStoreFactory.open(KvStoreConfig.rocksdb(dir.toString()).withParam(param, value)));
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("parameter " + param), e.getMessage());
        assertTrue(e.getMessage().contains(accepted), e.getMessage());
        assertTrue(isEmpty(dir), "nothing was created for a config that cannot work");
    }

    @Test
    void anUnknownParameterFailsAtOpenListingTheAcceptedOnes() {
        KvConfigException e = assertThrows(
                KvConfigException.class,
                () -> KvStoreFactory.open(KvStoreConfig.rocksdb(dir.toString()).withParam("max_open_file", "10")));
        assertTrue(e.getMessage().contains("unknown RocksDB parameter 'max_open_file'"), e.getMessage());
        for (RocksDbParam param : RocksDbParam.values()) {
            assertTrue(e.getMessage().contains(param.paramName()), e.getMessage());
        }
    }

    @Test
    void theMemoryBackendRefusesRocksDbParameters() {
        KvConfigException e = assertThrows(
                KvConfigException.class,
                () -> KvStoreFactory.open(KvStoreConfig.memory().withParam("sync", "true")));
        assertTrue(e.getMessage().contains("memory backend takes no parameters"), e.getMessage());
    }

    @Test
    void anUnknownBackendListsTheSupportedOnes() {
        KvConfigException e = assertThrows(KvConfigException.class, () -> KvBackend.parse("sled"));
        assertEquals("unknown KV backend 'sled'; supported backends: memory, rocksdb, etcd", e.getMessage());
        assertEquals(KvBackend.ETCD, KvBackend.parse(" Etcd "));
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String latestOptionsFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Path latest = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("RocksDB wrote no OPTIONS file in " + dir));
            return Files.readString(latest);
        }
    }

    private static void assertOption(String options, String expected) {
        assertTrue(
                options.lines().map(String::trim).anyMatch(line -> line.startsWith(expected)),
                "OPTIONS file lacks '" + expected + "':\n" + options);
    }
}
