package io.spear.next.registry;

import static io.spear.next.registry.RegistryFixtures.registration;
import static io.spear.next.registry.RegistryFixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbRegistryTest extends RegistryContractTest {

    @TempDir
    Path dir;

    @Override
    protected KvStore openStore() {
        return KvStoreFactory.open(KvStoreConfig.rocksdb(dir.toString()));
    }

    @Test
    void nodesReportsStatusesAndTotalsSurviveAReopen() {
        Node node = nodes.register(registration(null, Map.of("zone", "a")));
        nodes.heartbeat(node.uuid(), Map.of("disk", "ok"), report(42, 24, 1));
        Node drained = nodes.register(registration(null, Map.of()));
        nodes.update(
                drained.uuid(),
                new NodeUpdate(null, null, null, null, NodeStatus.DECOMMISSIONING, null),
                java.util.OptionalLong.empty());
        ClusterStats before = nodes.clusterStats();
        Node beaten = nodes.get(node.uuid()).orElseThrow();
        store.close();

        store = openStore();
        Registry reopenedRegistry = Registry.open(store, settings);
        NodeRegistry reopened = reopenedRegistry.nodes();
        NodeResourceRegistry reopenedResources = reopenedRegistry.resources();
        assertEquals(Optional.of(beaten), reopened.get(node.uuid()), "the node with its heartbeat and revision");
        assertEquals(
                Map.of("disk", "ok"), reopened.get(node.uuid()).orElseThrow().healthInfo());
        assertEquals(42.0, reopenedResources.get(node.uuid()).orElseThrow().cpuUsagePercent());
        assertEquals(
                NodeStatus.DECOMMISSIONING,
                reopened.get(drained.uuid()).orElseThrow().status());
        assertEquals(before, reopened.clusterStats());
    }
}
