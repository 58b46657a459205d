package io.spear.next.storage.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.rocksdb.RocksDbKvStore;
import io.spear.next.testing.HoldKvStore;
import io.spear.next.testing.ReadOnlyDirectory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbKvStoreTest extends KvStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected KvStore open() {
        return KvStoreFactory.open(KvStoreConfig.rocksdb(dir.resolve("db").toString()));
    }

    @Test
    void dataSurvivesCloseAndReopenWithTheSeedsParameters() {
        store.close();
        KvStoreConfig config = KvStoreConfig.rocksdb(dir.resolve("seed").toString())
                .withParam("max_open_files", "1000")
                .withParam("write_buffer_size", "67108864");
        try (KvStore first = KvStoreFactory.open(config)) {
            first.put("key", bytes("value"));
            first.batchPut(IntStream.range(0, 100)
                    .mapToObj(i -> new KvPair("n:" + i, bytes("v" + i)))
                    .toList());
            first.delete("n:0");
        }
        try (KvStore again = KvStoreFactory.open(config)) {
            assertEquals("value", text(again.get("key").orElseThrow()));
            assertEquals(100, again.count());
            assertEquals("v99", text(again.get("n:99").orElseThrow()));
            assertTrue(again.get("n:0").isEmpty());
        }
    }

    @Test
    void theConfigurationChoosesPathAndParametersAndTheDataSurvivesAReopen() {
        store.close();
        KvStoreConfig config =
                KvStoreConfig.rocksdb(dir.resolve("configured").toString()).withParam("max_open_files", "321");
        try (KvStore configured = KvStoreFactory.open(config)) {
            assertEquals(KvBackend.ROCKSDB, configured.backend());
            assertEquals(
                    dir.resolve("configured"),
                    configured.unwrap(LocalFiles.class).orElseThrow().directory());
            assertEquals(
                    dir.resolve("configured").resolve("LOCK"),
                    configured.unwrap(LocalFiles.class).orElseThrow().lockFile());
            assertEquals(321, ((RocksDbKvStore) configured).settings().maxOpenFiles());
            configured.put("k", bytes("v"));
        }
        try (KvStore reopened = KvStoreFactory.open(config)) {
            assertEquals("v", text(reopened.get("k").orElseThrow()));
        }
    }

    @Test
    void aSecondOpenInThisProcessIsRefusedWithThePath() {
        Path path = store.unwrap(LocalFiles.class).orElseThrow().directory();
        KvStoreLockedException e = assertThrows(
                KvStoreLockedException.class, () -> KvStoreFactory.open(KvStoreConfig.rocksdb(path.toString())));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("already open in this process"), e.getMessage());
        store.put("still", bytes("works"));
        assertEquals("works", text(store.get("still").orElseThrow()));
    }

    @Test
    void aDirectoryLockedByAnotherProcessGivesTheSeedsTroubleshootingMessage() throws Exception {
        store.close();
        Path path = dir.resolve("shared");
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldKvStore.class.getName(),
                        path.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("open", out.readLine(), "the holder process opened the store");
            KvStoreLockedException e = assertThrows(
                    KvStoreLockedException.class, () -> KvStoreFactory.open(KvStoreConfig.rocksdb(path.toString())));
            assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
            assertTrue(e.getMessage().contains(path.resolve("LOCK").toString()), e.getMessage());
            assertTrue(e.getMessage().contains("stop the other process"), e.getMessage());
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (KvStore afterRelease = KvStoreFactory.open(KvStoreConfig.rocksdb(path.toString()))) {
            assertTrue(afterRelease.isOpen());
        }
    }

    @Test
    void aMissingDirectoryIsCreatedAndAnUnwritableOneIsNamed() throws Exception {
        store.close();
        Path nested = dir.resolve("a/b/c");
        try (KvStore created = KvStoreFactory.open(KvStoreConfig.rocksdb(nested.toString()))) {
            assertTrue(Files.isDirectory(nested));
        }
        Path locked = Files.createDirectories(dir.resolve("read-only"));
        try (ReadOnlyDirectory readOnly = ReadOnlyDirectory.of(locked)) {
            KvIoException e = assertThrows(
                    KvIoException.class,
                    () -> KvStoreFactory.open(
                            KvStoreConfig.rocksdb(locked.resolve("db").toString())));
            assertTrue(e.getMessage().contains(locked.resolve("db").toString()), e.getMessage());
        }
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws Exception {
        store.close();
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        KvIoException e =
                assertThrows(KvIoException.class, () -> KvStoreFactory.open(KvStoreConfig.rocksdb(file.toString())));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void closeFlushesSoTheNextOpenFindsDataInSstFiles() {
        store.put("flushed", bytes("yes"));
        Path path = store.unwrap(LocalFiles.class).orElseThrow().directory();
        store.close();
        try (RocksDbKvStore reopened = RocksDbKvStore.open(path, Map.of())) {
            assertTrue(
                    ((KvStats.RocksDb) reopened.stats()).sstBytes() > 0, "sst bytes after reopen: " + reopened.stats());
            assertEquals(List.of("flushed"), reopened.keysWithPrefix("f"));
        }
    }
}
