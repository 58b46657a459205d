package io.spear.next.storage.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.etcd.EtcdKvStore;
import io.spear.next.testing.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real three-member etcd cluster, each test in its own namespace; then what is etcd's own. */
class EtcdKvStoreTest extends KvStoreContractTest {

    private static final EtcdCluster cluster = EtcdCluster.shared();

    private static KvStoreConfig config(String namespace) {
        return KvStoreConfig.etcd(cluster.endpoints())
                .withParam("namespace", namespace)
                .withParam("request_timeout", "3s");
    }

    @Override
    protected KvStore open() {
        return KvStoreFactory.open(config(EtcdCluster.freshNamespace("test")));
    }

    @TempDir
    Path backupDir;

    @Test
    void backupsAreEtcdSnapshotsThatVerifyAndCatchDamage() throws Exception {
        store.put("backed-up", bytes("v"));
        KvSnapshots snapshots = store.unwrap(KvSnapshots.class).orElseThrow();
        KvBackups backups = new KvBackups(backupDir, 2);
        BackupInfo info = backups.create(snapshots);
        assertEquals(List.of(info), backups.list());
        assertEquals(1, info.keyCount(), "the keys of this namespace when it was taken");
        Path file = backupDir.resolve(info.id()).resolve("snapshot.db");
        assertEquals(Files.size(file), info.sizeBytes());
        assertEquals(info, backups.verify(info.id(), snapshots));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);
        KvIoException damaged = assertThrows(KvIoException.class, () -> backups.verify(info.id(), snapshots));
        assertTrue(damaged.getMessage().contains("does not match its checksum"), damaged.getMessage());
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        KvIoException cut = assertThrows(KvIoException.class, () -> backups.verify(info.id(), snapshots));
        assertTrue(cut.getMessage().contains("cut short"), cut.getMessage());
    }

    @Test
    void aWriteLargerThanOneTransactionIsRefusedAndNothingIsApplied() {
        int max = store.limits().maxOperations();
        assertEquals(128, max, "etcd's default --max-txn-ops");
        List<KvMutation> tooMany = IntStream.range(0, max + 1)
                .mapToObj(i -> KvMutation.put("k:" + i, bytes("v")))
                .toList();
        KvLimitException e = assertThrows(KvLimitException.class, () -> store.write(tooMany));
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        assertThrows(KvLimitException.class, () -> store.writeIf(List.of(), tooMany));
        assertThrows(
                KvLimitException.class,
                () -> store.put("big", new byte[(int) store.limits().maxBytes()]));
        assertEquals(0, store.count());
        // the same keys as a batch are split into transactions that fit
        store.batchPut(
                tooMany.stream().map(m -> new KvPair(m.key(), bytes("v"))).toList());
        assertEquals(max + 1, store.count());
        assertEquals(
                max + 1, store.batchDelete(tooMany.stream().map(KvMutation::key).toList()));
    }

    @Test
    void aRefusedWriteReadsTheCurrentValuesInTheSameTransaction() {
        store.put("n", bytes("theirs"));
        store.put("m", bytes("other"));
        Optional<List<Optional<byte[]>>> refused = store.writeIfOrRead(
                List.of(KvCondition.equalTo("n", bytes("mine"))),
                List.of(KvMutation.put("n", bytes("new"))),
                List.of("n", "missing", "m"));
        assertTrue(refused.isPresent());
        assertEquals("theirs", text(refused.get().get(0).orElseThrow()));
        assertTrue(refused.get().get(1).isEmpty());
        assertEquals("other", text(refused.get().get(2).orElseThrow()));
        assertTrue(store.writeIfOrRead(
                        List.of(KvCondition.equalTo("n", bytes("theirs"))),
                        List.of(KvMutation.put("n", bytes("new"))),
                        List.of("n"))
                .isEmpty());
        assertEquals("new", text(store.get("n").orElseThrow()));
    }

    @Test
    void namespacesDoNotSeeEachOther() {
        try (KvStore other = KvStoreFactory.open(config(EtcdCluster.freshNamespace("other")))) {
            other.put("a", bytes("theirs"));
            store.put("b", bytes("mine"));
            assertEquals(List.of("b"), keys(store.range(RangeOptions.all())));
            store.clear();
            assertEquals(1, other.count(), "clear removes this namespace only");
        }
    }

    @Test
    void aWatchReplaysHistoryInRevisionOrderThenFollows() {
        KvHistory history = store.unwrap(KvHistory.class).orElseThrow();
        store.put("w:1", bytes("a"));
        long afterFirst = history.revision();
        store.put("w:2", bytes("b"));
        store.delete("w:1");
        store.put("x:1", bytes("not watched"));
        List<KvHistory.Change> seen = new CopyOnWriteArrayList<>();
        try (KvHistory.Watch watch = history.watch("w:", afterFirst, new KvHistory.Listener() {
            public void onChanges(List<KvHistory.Change> changes) {
                seen.addAll(changes);
            }

            public void onCompacted(long compactedRevision) {}

            public void onError(KvException error) {}
        })) {
            store.put("w:3", bytes("c"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
        }
        assertEquals(
                List.of("w:2", "w:1", "w:3"),
                seen.stream().map(KvHistory.Change::key).toList());
        assertEquals(null, seen.get(1).value(), "a delete has no value");
        List<Long> revisions =
                new ArrayList<>(seen.stream().map(KvHistory.Change::revision).toList());
        assertEquals(revisions.stream().sorted().toList(), revisions);
        assertTrue(revisions.get(0) > afterFirst);
    }

    @Test
    void aWatchFromACompactedRevisionIsToldWhereHistoryBegins() {
        KvHistory history = store.unwrap(KvHistory.class).orElseThrow();
        store.put("c:1", bytes("a"));
        store.put("c:1", bytes("b"));
        long now = history.revision();
        history.compact(now);
        history.compact(now - 1); // older than the last compaction: nothing to do, no error
        List<Long> compactedAt = new CopyOnWriteArrayList<>();
        try (KvHistory.Watch watch = history.watch("c:", 1, new KvHistory.Listener() {
            public void onChanges(List<KvHistory.Change> changes) {}

            public void onCompacted(long compactedRevision) {
                compactedAt.add(compactedRevision);
            }

            public void onError(KvException error) {}
        })) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !compactedAt.isEmpty());
        }
        assertEquals(now, compactedAt.get(0));
    }

    @Test
    void anUnreachableClusterFailsTheOpenNamingTheEndpoints() throws Exception {
        KvStoreConfig nowhere = KvStoreConfig.etcd(
                        "http://127.0.0.1:" + io.spear.next.testing.ServiceProcess.freePort())
                .withParam("connect_timeout", "1s")
                .withParam("request_timeout", "7s");
        KvUnavailableException e = assertThrows(KvUnavailableException.class, () -> KvStoreFactory.open(nowhere));
        assertTrue(
                e.getMessage().contains("127.0.0.1") && e.getMessage().contains("kv.etcd.endpoints"), e.getMessage());
        // the wait that ran out is the connect timeout: its value, under its own name
        assertTrue(e.getMessage().contains("did not answer within 1000 ms (kv.etcd.connect-timeout)"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter() {
        KvConfigException missing =
                assertThrows(KvConfigException.class, () -> KvStoreFactory.open(KvStoreConfig.etcd("")));
        assertTrue(missing.getMessage().contains("kv.etcd.endpoints"), missing.getMessage());
        KvConfigException scheme =
                assertThrows(KvConfigException.class, () -> KvStoreFactory.open(KvStoreConfig.etcd("etcd-0:2379")));
        assertTrue(scheme.getMessage().contains("etcd-0:2379"), scheme.getMessage());
        KvConfigException unknown = assertThrows(
                KvConfigException.class, () -> KvStoreFactory.open(config("/x/").withParam("max_open_files", "10")));
        assertTrue(unknown.getMessage().contains("max_open_files"), unknown.getMessage());
        KvConfigException half = assertThrows(
                KvConfigException.class, () -> KvStoreFactory.open(config("/x/").withParam("user", "sms")));
        assertTrue(half.getMessage().contains("kv.etcd.password"), half.getMessage());
        assertFalse(store.unwrap(EtcdKvStore.class).isEmpty());
    }
}
