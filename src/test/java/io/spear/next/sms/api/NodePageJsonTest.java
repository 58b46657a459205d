package io.spear.next.sms.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.spear.next.registry.Node;
import io.spear.next.registry.NodeFields;
import io.spear.next.registry.NodeRegistration;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.NodeUpdate;
import io.spear.next.registry.Page;
import io.spear.next.registry.Registry;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.registry.query.NodeQuery;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.storage.kv.KvStore;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A page written from the stored records is byte for byte the page Jackson writes from the same
 * nodes read one by one (the path of {@code GET /api/v1/nodes/{uuid}}), on nodes with every shape
 * a field can take.
 */
@QuarkusTest
class NodePageJsonTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    NodePageJson pages;

    @Inject
    Registry registry;

    @Inject
    KvStore store;

    @Test
    void pagesAreWhatJacksonWritesForTheSameNodes() throws Exception {
        String fixture = UUID.randomUUID().toString();
        NodeRegistry nodes = registry.nodes();
        List<String> uuids = new ArrayList<>();
        // the least a node has: no name, no HTTP port, no labels beyond the fixture's, no health
        uuids.add(nodes.register(registration(null, null, Map.of("fixture", fixture)))
                .uuid());
        // every field, labels given out of order, strings JSON must escape or carry as UTF-8
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("zone", "eu-west \"1\"");
        labels.put("fixture", fixture);
        labels.put("a/b", "back\\slash, tab\t, nul\u0000, bell\u0007");
        labels.put("émoji", "🚀 日本 \u2028 </script>");
        Node full = nodes.register(registration("node-é", 65535, labels));
        uuids.add(full.uuid());
        Map<String, String> health = new LinkedHashMap<>();
        health.put("z", "last");
        health.put("A", "upper first");
        health.put("", "empty key");
        nodes.heartbeat(full.uuid(), health, null);
        // each status, and a label added by an update (it goes last in the update's map)
        for (NodeStatus status : NodeStatus.values()) {
            Node node = nodes.register(registration("s-" + status.wireName(), null, Map.of("fixture", fixture)));
            nodes.update(
                    node.uuid(),
                    new NodeUpdate(null, null, null, null, status, Map.of("0-first", "by update")),
                    OptionalLong.empty());
            uuids.add(node.uuid());
        }
        // a record an older release wrote, its labels in no order (the entries that carry it too)
        Node old = nodes.register(registration("old", 1, Map.of("fixture", fixture)));
        StoredNode stored = StoredNode.parseFrom(store.get("node:" + old.uuid()).orElseThrow());
        byte[] unordered = stored.toBuilder()
                .clearMetadata()
                .putMetadata("zz", "1")
                .putMetadata("fixture", fixture)
                .putMetadata("aa", "2")
                .build()
                .toByteArray();
        for (String key : store.keysWithPrefix("")) {
            if (key.endsWith(old.uuid()) && (key.startsWith("node:") || key.startsWith("idx:"))) {
                store.put(key, unordered);
            }
        }
        uuids.add(old.uuid());

        LabelSelector selector = LabelSelector.parse("fixture=" + fixture);
        Page<NodeFields> all = nodes.list(new NodeQuery(Set.of(), selector, 1000, null));
        assertEquals(uuids.size(), all.items().size());
        assertSameBytes(all);
        Page<NodeFields> first = nodes.list(new NodeQuery(Set.of(), selector, 2, null));
        assertNotNull(first.nextPageToken());
        assertSameBytes(first);
        assertNull(all.nextPageToken());
        // the walk over every record (no index), where the older release's record sits
        Page<NodeFields> records = nodes.list(new NodeQuery(Set.of(), null, 1000, null));
        assertSameBytes(records);
    }

    /** The page as written, against Jackson's NodeList of the same nodes, each read on its own. */
    private void assertSameBytes(Page<NodeFields> page) throws Exception {
        List<Node> each = new ArrayList<>();
        for (NodeFields listed : page.items()) {
            each.add(registry.nodes().get(listed.uuid()).orElseThrow());
        }
        byte[] expected = mapper.writeValueAsBytes(new NodeList(each, page.nextPageToken()));
        assertEquals(
                new String(expected, StandardCharsets.UTF_8), new String(pages.write(page), StandardCharsets.UTF_8));
        assertArrayEquals(expected, pages.write(page));
    }

    private static NodeRegistration registration(String name, Integer httpPort, Map<String, String> labels) {
        return new NodeRegistration(null, name, "10.0.0.1", 7070, httpPort, labels);
    }
}
