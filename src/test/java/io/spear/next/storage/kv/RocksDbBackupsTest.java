package io.spear.next.storage.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.storage.kv.rocksdb.RocksDbKvStore;
import io.spear.next.storage.kv.rocksdb.RocksDbRestore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbBackupsTest {

    @TempDir
    Path dir;

    private static KvSnapshots snapshots(KvStore store) {
        return store.unwrap(KvSnapshots.class).orElseThrow();
    }

    private static boolean restore(KvBackups backups, String idOrPath, Path target, boolean overwrite) {
        return RocksDbRestore.restore(backups.dir(), idOrPath, target, overwrite);
    }

    private static String key(long i) {
        return String.format("seq:%09d", i);
    }

    @Test
    void aBackupTakenDuringWritesRestoresExactlyAPrefixOfTheAcknowledgedWrites() throws Exception {
        KvBackups backups = new KvBackups(dir.resolve("backups"), 7);
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        BackupInfo info;
        long ackedBefore;
        long ackedAfter;
        try (RocksDbKvStore store = RocksDbKvStore.open(dir.resolve("live"), Map.of())) {
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<?> writes = writer.submit(() -> {
                    for (long i = 0; !stop.get(); i++) {
                        store.put(key(i), Long.toString(i).getBytes(StandardCharsets.UTF_8));
                        acknowledged.set(i + 1);
                    }
                });
                while (acknowledged.get() < 20_000) {
                    Thread.onSpinWait();
                }
                ackedBefore = acknowledged.get();
                info = backups.create(snapshots(store));
                ackedAfter = acknowledged.get();
                stop.set(true);
                writes.get(30, TimeUnit.SECONDS);
            } finally {
                writer.shutdownNow();
            }
        }
        Path restored = dir.resolve("restored");
        assertTrue(restore(backups, info.id(), restored, false));
        try (RocksDbKvStore copy = RocksDbKvStore.open(restored, Map.of())) {
            long count = copy.count();
            assertEquals(info.keyCount(), count);
            assertTrue(
                    count >= ackedBefore && count <= ackedAfter,
                    count + " keys, acknowledged " + ackedBefore + " before and " + ackedAfter + " after the backup");
            List<String> keys = copy.keysWithPrefix("seq:");
            assertEquals(key(0), keys.get(0));
            assertEquals(key(count - 1), keys.get(keys.size() - 1), "no gap: every write before the last one is there");
            assertEquals(
                    Long.toString(count - 1),
                    new String(copy.get(key(count - 1)).orElseThrow(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void backupsAreListedVerifiedAndPurgedBeyondKeep() throws Exception {
        KvBackups backups = new KvBackups(dir.resolve("backups"), 2);
        try (RocksDbKvStore store = RocksDbKvStore.open(dir.resolve("live"), Map.of())) {
            store.put("a", new byte[] {1});
            BackupInfo first = backups.create(snapshots(store));
            store.put("b", new byte[] {2});
            BackupInfo second = backups.create(snapshots(store));
            store.put("c", new byte[] {3});
            BackupInfo third = backups.create(snapshots(store));
            assertEquals(List.of(second, third), backups.list());
            assertFalse(Files.exists(dir.resolve("backups").resolve(first.id())));
            assertEquals(2, second.keyCount());
            assertEquals(3, third.keyCount());
            assertTrue(third.sizeBytes() > 0);
            assertEquals(third, backups.verify(third.id(), snapshots(store)));
        }
    }

    @Test
    void verifyFindsADamagedBackup() throws Exception {
        KvBackups backups = new KvBackups(dir.resolve("backups"), 3);
        BackupInfo info;
        try (RocksDbKvStore store = RocksDbKvStore.open(dir.resolve("live"), Map.of())) {
            for (int i = 0; i < 1000; i++) {
                store.put(key(i), new byte[100]);
            }
            info = backups.create(snapshots(store));
        }
        Path sst;
        try (Stream<Path> files = Files.list(dir.resolve("backups").resolve(info.id()))) {
            sst = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(sst);
        Files.delete(sst); // a hard link: replace it rather than write through to the live file
        bytes[bytes.length / 3] ^= 0x5a;
        Files.write(sst, bytes);
        try (RocksDbKvStore store = RocksDbKvStore.open(dir.resolve("live"), Map.of())) {
            assertThrows(KvIoException.class, () -> backups.verify(info.id(), snapshots(store)));
        }
    }

    @Test
    void restoreRefusesADirectoryWithDataAndDoesNotRepeatItself() throws Exception {
        KvBackups backups = new KvBackups(dir.resolve("backups"), 3);
        BackupInfo info;
        try (RocksDbKvStore store = RocksDbKvStore.open(dir.resolve("live"), Map.of())) {
            store.put("backed-up", new byte[] {1});
            info = backups.create(snapshots(store));
        }
        Path target = dir.resolve("target");
        try (RocksDbKvStore other = RocksDbKvStore.open(target, Map.of())) {
            other.put("precious", new byte[] {9});
        }
        KvConfigException refused =
                assertThrows(KvConfigException.class, () -> restore(backups, info.id(), target, false));
        assertTrue(refused.getMessage().contains("already holds data"), refused.getMessage());
        assertTrue(
                refused.getMessage().contains("kv.restore-overwrite=true (KV_RESTORE_OVERWRITE=true)"),
                "names the setting that allows it: " + refused.getMessage());
        assertTrue(restore(backups, info.id(), target, true));
        assertFalse(restore(backups, info.id(), target, true), "a second start with the same setting restores nothing");
        try (RocksDbKvStore restored = RocksDbKvStore.open(target, Map.of())) {
            assertEquals(List.of("backed-up"), restored.keysWithPrefix(""));
        }
        assertThrows(KvConfigException.class, () -> restore(backups, "20000101T000000.000Z", dir.resolve("x"), false));
        assertTrue(
                restore(backups, dir.resolve("backups").resolve(info.id()).toString(), dir.resolve("by-path"), false));
    }
}
