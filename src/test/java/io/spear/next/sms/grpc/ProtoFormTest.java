package io.spear.next.sms.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.Node;
import io.spear.next.registry.NodeFields;
import io.spear.next.registry.NodeRegistration;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.NodeUpdate;
import io.spear.next.registry.Registry;
import io.spear.next.registry.RegistrySettings;
import io.spear.next.registry.query.NodeQuery;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.storage.kv.memory.MemoryKvStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ListNodes writes each node from the stored records read in place; GetNode from the node read on
 * its own. Both give the same bytes for the same node, whatever order its maps were given or stored in.
 */
class ProtoFormTest {

    private final MemoryKvStore store = new MemoryKvStore();
    private final Registry registry =
            Registry.open(store, new RegistrySettings(Clock.systemUTC(), HighLoadThresholds.DEFAULTS));

    @Test
    void aListedNodeHasTheBytesOfTheSameNodeReadOnItsOwn() throws Exception {
        NodeRegistry nodes = registry.nodes();
        nodes.register(new NodeRegistration(null, null, "10.0.0.1", 1, null, Map.of()));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("zone", "eu \"1\"");
        labels.put("arch", "🚀 arm64");
        labels.put("gpu", "");
        Node full = nodes.register(new NodeRegistration(null, "n-é", "host.example", 65535, 8080, labels));
        Map<String, String> health = new LinkedHashMap<>();
        health.put("z", "1");
        health.put("a", "2");
        nodes.heartbeat(full.uuid(), health, null);
        for (NodeStatus status : NodeStatus.values()) {
            Node node = nodes.register(new NodeRegistration(null, "s", "10.0.0.2", 2, null, Map.of("k", "v")));
            nodes.update(
                    node.uuid(),
                    new NodeUpdate(null, null, null, null, status, Map.of("a", "b")),
                    OptionalLong.empty());
        }
        // as an older release stored it: labels in no order
        String key = "node:" + full.uuid();
        store.put(
                key,
                StoredNode.parseFrom(store.get(key).orElseThrow()).toBuilder()
                        .clearMetadata()
                        .putMetadata("zone", "z")
                        .putMetadata("arch", "a")
                        .build()
                        .toByteArray());

        List<NodeFields> listed =
                nodes.list(new NodeQuery(Set.of(), null, 100, null)).items();
        assertEquals(2 + NodeStatus.values().length, listed.size());
        List<String> keyOrders = new ArrayList<>();
        for (NodeFields node : listed) {
            io.spear.next.sms.grpc.v1.Node written = ProtoForm.node(node);
            assertArrayEquals(
                    ProtoForm.node(nodes.get(node.uuid()).orElseThrow()).toByteArray(),
                    written.toByteArray(),
                    node.uuid());
            keyOrders.add(String.join(",", written.getMetadataMap().keySet()) + ";"
                    + String.join(",", written.getHealthInfoMap().keySet()));
        }
        assertTrue(keyOrders.contains("arch,zone;a,z"), keyOrders.toString());
    }
}
