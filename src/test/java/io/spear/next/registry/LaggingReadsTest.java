package io.spear.next.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spear.next.storage.kv.KvHistory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.memory.MemoryKvStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * On a shared store the read a change starts from may lag the newest writes (etcd: a member that
 * has not applied them yet). Here that read sees nothing at all, every time: no change may be
 * refused, answered "no change" or lost because of it.
 */
class LaggingReadsTest {

    /**
     * A shared store (one with a history, as the registry tells them apart) whose reads-for-update
     * always come from before anything was written. Nothing here reads the history itself.
     */
    private static KvStore lagging(KvStore store) {
        return (KvStore) Proxy.newProxyInstance(
                KvStore.class.getClassLoader(),
                new Class<?>[] {KvStore.class, KvHistory.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "unwrap" -> args[0] == KvHistory.class ? Optional.of(proxy) : store.unwrap((Class<?>) args[0]);
                    case "getAllForUpdate" ->
                        ((List<?>) args[0])
                                .stream().map(key -> Optional.empty()).toList();
                    default -> {
                        try {
                            yield method.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    @Test
    void changesStartingFromAStaleReadAreAnsweredFromACurrentOne() {
        KvStore store = lagging(new MemoryKvStore());
        NodeRegistry nodes = Registry.open(store, RegistrySettings.DEFAULTS).nodes();
        String uuid = nodes.register(new NodeRegistration(null, "n", "10.0.0.1", 7000, null, Map.of()))
                .uuid();
        // the stale read does not show the node: a current one does, and the beat goes through
        nodes.heartbeat(uuid, Map.of("disk", "ok"), null);
        assertEquals(Map.of("disk", "ok"), nodes.get(uuid).orElseThrow().healthInfo());
        // an update that changes nothing is answered from the current node, not from the stale read
        Node same = nodes.update(uuid, new NodeUpdate("n", null, null, null, null, null), OptionalLong.empty());
        assertEquals(nodes.get(uuid).orElseThrow().revision(), same.revision());
        // a node that really is missing is still refused
        assertThrows(
                NodeNotFoundException.class,
                () -> nodes.heartbeat("00000000-0000-4000-8000-000000000009", Map.of(), null));
        assertEquals(1, nodes.clusterStats().totalNodes());
    }

    @Test
    void aReplicaWhoseRememberedNodeAnotherChangedLosesNothingOfThatChange() {
        KvStore shared = lagging(new MemoryKvStore());
        NodeRegistry a = Registry.open(shared, RegistrySettings.DEFAULTS).nodes();
        NodeRegistry b = Registry.open(shared, RegistrySettings.DEFAULTS).nodes();
        String uuid = a.register(new NodeRegistration(null, "n", "10.0.0.1", 7000, null, Map.of()))
                .uuid();
        a.heartbeat(uuid, Map.of("beat", "1"), null); // a remembers the node as it wrote it
        b.update(uuid, new NodeUpdate("renamed", null, null, null, null, null), OptionalLong.empty());
        a.heartbeat(
                uuid, Map.of("beat", "2"), null); // from a's stale memory: refused, planned again on the current node
        Node node = b.get(uuid).orElseThrow();
        assertEquals("renamed", node.name(), "b's change survived a's beat");
        assertEquals(Map.of("beat", "2"), node.healthInfo());
        assertEquals(1, a.clusterStats().totalNodes());
    }
}
