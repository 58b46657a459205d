package io.spear.next.registry;

import static io.spear.next.registry.RegistryFixtures.registration;
import static io.spear.next.registry.RegistryFixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.registry.events.HistoryCompactor;
import io.spear.next.registry.events.RegistryEvents;
import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.testing.EtcdCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The registry contract on a three-member etcd cluster; then what replicas sharing one namespace
 * get: one change log numbered by etcd's revisions, exact totals, compaction coordinated between them.
 */
class EtcdRegistryTest extends RegistryContractTest {

    private static final EtcdCluster cluster = EtcdCluster.shared();

    private static KvStore open(String namespace) {
        return KvStoreFactory.open(KvStoreConfig.etcd(cluster.endpoints()).withParam("namespace", namespace));
    }

    @Override
    protected KvStore openStore() {
        return open(EtcdCluster.freshNamespace("registry"));
    }

    /** A replica: its own store client, change log and registry on a shared namespace. */
    private record Replica(KvStore store, RegistryEvents events, Registry registry) implements AutoCloseable {
        static Replica on(String namespace) {
            KvStore store = open(namespace);
            RegistryEvents events = RegistryEvents.open(store, 10_000);
            return new Replica(
                    store,
                    events,
                    Registry.open(store, new RegistrySettings(Clock.systemUTC(), HighLoadThresholds.DEFAULTS, events)));
        }

        @Override
        public void close() {
            events.close();
            store.close();
        }
    }

    @Test
    void aChangeMadeThroughOneReplicaIsInEveryReplicasLogOnceInOrderUnderOneId() {
        String namespace = EtcdCluster.freshNamespace("replicas");
        try (Replica a = Replica.on(namespace);
                Replica b = Replica.on(namespace)) {
            long startA = a.events().watermark();
            String uuid =
                    a.registry().nodes().register(registration(null, Map.of())).uuid();
            b.registry()
                    .nodes()
                    .update(uuid, new NodeUpdate("renamed", null, null, null, null, null), OptionalLong.empty());
            // a beat that brings a report: the node's status and its report change in one write, two events
            a.registry().nodes().heartbeat(uuid, Map.of(), report(10, 20, 0.5));
            a.registry().nodes().remove(uuid);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> a.events().after(startA, 100).size() == 4
                            && b.events().after(startA, 100).size() == 4);
            List<RegistryEvent> seenByA = a.events().after(startA, 100);
            List<RegistryEvent> seenByB = b.events().after(startA, 100);
            assertEquals(
                    List.of(
                            RegistryEvent.Type.NODE_REGISTERED,
                            RegistryEvent.Type.NODE_UPDATED,
                            RegistryEvent.Type.RESOURCE_UPDATED,
                            RegistryEvent.Type.NODE_REMOVED),
                    seenByA.stream().map(RegistryEvent::type).toList());
            assertEquals(
                    seenByA.stream().map(RegistryEvent::revision).toList(),
                    seenByB.stream().map(RegistryEvent::revision).toList(),
                    "one id per event on every replica");
            List<Long> ids = seenByA.stream().map(RegistryEvent::revision).toList();
            assertEquals(ids.stream().sorted().distinct().toList(), ids, "ids increase");
            // a replica started afterwards replays the same history
            try (Replica late = Replica.on(namespace)) {
                assertEquals(
                        ids,
                        late.events().after(startA, 100).stream()
                                .map(RegistryEvent::revision)
                                .toList());
            }
        }
    }

    @Test
    void totalsStayExactWithBeatsThroughSeveralReplicas() throws Exception {
        String namespace = EtcdCluster.freshNamespace("totals");
        try (Replica a = Replica.on(namespace);
                Replica b = Replica.on(namespace)) {
            List<String> uuids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                uuids.add(a.registry()
                        .nodes()
                        .register(registration(null, Map.of()))
                        .uuid());
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    Registry through = (w % 2 == 0 ? a : b).registry();
                    int seed = w;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            String uuid = uuids.get((seed + i) % uuids.size());
                            through.nodes().heartbeat(uuid, Map.of(), report(50 + (i % 50), 30, 1));
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            ClusterStats stats = b.registry().nodes().clusterStats();
            assertEquals(8, stats.totalNodes());
            double cpuSum = 0;
            for (String uuid : uuids) {
                cpuSum += a.registry().resources().get(uuid).orElseThrow().cpuUsagePercent();
            }
            assertEquals(cpuSum / uuids.size(), stats.averageCpuUsage(), 1e-6, "totals match the reports");
        }
    }

    @Test
    void changesThatArriveTogetherShareWritesYetEachGetsItsOwnOutcome() throws Exception {
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            uuids.add(nodes.register(registration(null, Map.of())).uuid());
        }
        String unknown = "00000000-0000-4000-8000-000000000001";
        AtomicInteger notFound = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                int seed = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        if ((seed + i) % 7 == 0) {
                            try {
                                nodes.heartbeat(unknown, Map.of(), report(1, 1, 1));
                            } catch (NodeNotFoundException e) {
                                notFound.incrementAndGet();
                            }
                        } else {
                            nodes.heartbeat(
                                    uuids.get((seed * 3 + i) % uuids.size()),
                                    Map.of("beat", seed + "-" + i),
                                    report((seed * 15 + i) % 100, 30, 1));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int expectedNotFound = 0;
        for (int w = 0; w < 16; w++) {
            for (int i = 0; i < 15; i++) {
                expectedNotFound += (w + i) % 7 == 0 ? 1 : 0;
            }
        }
        assertEquals(expectedNotFound, notFound.get(), "only the beats of the unknown node failed");
        ClusterStats stats = nodes.clusterStats();
        assertEquals(6, stats.totalNodes());
        assertEquals(6, stats.nodesWithResources());
        double cpuSum = 0;
        for (String uuid : uuids) {
            cpuSum += resources.get(uuid).orElseThrow().cpuUsagePercent();
        }
        assertEquals(cpuSum / 6, stats.averageCpuUsage(), 1e-6, "the totals match the reports written last");
        assertTrue(nodes.get(unknown).isEmpty(), "a failed change in a shared write wrote nothing");
    }

    @Test
    void compactionStepsAreTakenOnceAndLeaveOneIntervalOfHistory() {
        String namespace = EtcdCluster.freshNamespace("compaction");
        try (Replica a = Replica.on(namespace);
                Replica b = Replica.on(namespace)) {
            HistoryCompactor first = HistoryCompactor.of(a.store()).orElseThrow();
            HistoryCompactor second = HistoryCompactor.of(b.store()).orElseThrow();
            assertEquals(0, first.step(), "the first step only records where the next one compacts to");
            String uuid =
                    a.registry().nodes().register(registration(null, Map.of())).uuid();
            long compacted = second.step();
            assertTrue(compacted > 0, "the second step compacts to what the first recorded");
            // the registration came after the compaction point: still readable by a new replica
            try (Replica late = Replica.on(namespace)) {
                assertTrue(late.events().after(late.events().floor() - 1, 10).stream()
                        .anyMatch(event -> event.nodeUuid().equals(uuid)));
                assertTrue(late.events().floor() > 2 * compacted, "the log starts after the compacted revision");
            }
        }
    }
}
