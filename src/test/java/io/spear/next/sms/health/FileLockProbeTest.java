package io.spear.next.sms.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLockProbeTest {

    @Test
    void onlyAGrantedLockOfThisPidOnThisInodeCounts() {
        List<String> locks = List.of(
                "1: POSIX  ADVISORY  WRITE 4711 fd:00:1234567 0 EOF",
                "1: -> POSIX  ADVISORY  WRITE 999 fd:00:7654321 0 EOF",
                "2: FLOCK  ADVISORY  WRITE 12 00:1a:42 0 EOF");
        assertTrue(FileLockProbe.holds(locks, 4711, 1234567));
        assertFalse(FileLockProbe.holds(locks, 4711, 42), "another file");
        assertFalse(FileLockProbe.holds(locks, 999, 7654321), "a waiter does not hold the lock");
        assertFalse(FileLockProbe.holds(locks, 13, 42), "another process");
    }

    @Test
    void theKernelSaysThisProcessHoldsAnOpenStoresLock(@TempDir Path dir) {
        Path lock = dir.resolve("LOCK");
        assumeTrue(
                Files.isReadable(Path.of("/proc/locks")), "the kernel's lock table (/proc/locks) is not readable here");
        try (KvStore store = KvStoreFactory.open(KvStoreConfig.rocksdb(dir.toString()))) {
            assertEquals(FileLockProbe.State.HELD, FileLockProbe.check(lock));
        }
        assertEquals(FileLockProbe.State.NOT_HELD, FileLockProbe.check(lock), "released on close");
    }
}
