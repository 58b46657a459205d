package io.spear.next.storage.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.testing.ReadOnlyDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory that turns read-only under a running RocksDB store: once RocksDB needs a new
 * file, writes fail (and say so) while reads go on; once the directory is writable again, the next
 * writes succeed without reopening the store by hand, and nothing acknowledged is lost.
 */
class RocksDbWriteRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void writesFailWhileTheDirectoryIsReadOnlyAndRecoverWhenItIsWritable() throws Exception {
        Path db = dir.resolve("db");
        // a 1 MiB memtable: RocksDB needs a new file (WAL, SST) after a few hundred KiB of writes
        KvStoreConfig config = KvStoreConfig.rocksdb(db.toString()).withParam("write_buffer_size", "1048576");
        byte[] value = new byte[10_000];
        List<String> acknowledged = new ArrayList<>();
        try (KvStore store = KvStoreFactory.open(config)) {
            store.put("before", value);
            acknowledged.add("before");
            KvIoException failure = null;
            try (ReadOnlyDirectory readOnly = ReadOnlyDirectory.of(db)) {
                for (int i = 0; i < 10_000 && failure == null; i++) {
                    try {
                        store.put("k" + i, value);
                        acknowledged.add("k" + i);
                    } catch (KvIoException e) {
                        failure = e;
                    }
                }
                assertTrue(failure != null, "a write failed in a read-only directory");
                assertTrue(failure.getMessage().contains(db.toString()), failure.getMessage());
                assertTrue(store.writeFailure().isPresent(), "the store reports failing writes");
                assertArrayEquals(value, store.get("before").orElseThrow(), "reads go on");
            }
            AtomicInteger attempt = new AtomicInteger();
            Awaitility.await("writes work again")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        try {
                            store.put("after-" + attempt.incrementAndGet(), value);
                            return true;
                        } catch (KvIoException stillFailing) {
                            return false;
                        }
                    });
            acknowledged.add("after-" + attempt.get());
            assertTrue(store.writeFailure().isEmpty());
            for (String key : acknowledged) {
                assertTrue(store.get(key).isPresent(), key + " survived the recovery");
            }
        }
        try (KvStore reopened = KvStoreFactory.open(config)) {
            for (String key : acknowledged) {
                assertTrue(reopened.get(key).isPresent(), key + " survived the restart");
            }
            assertEquals(
                    acknowledged.size(),
                    reopened.keysWithPrefix("").stream()
                            .filter(key -> acknowledged.contains(key))
                            .count());
        }
    }
}
