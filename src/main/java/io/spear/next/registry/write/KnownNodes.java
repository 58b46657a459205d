package io.spear.next.registry.write;

import io.spear.next.registry.format.NodeParts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts (record, liveness, report) of the nodes this process last wrote or read, as stored,
 * the least recently used dropped beyond {@code capacity}. On a shared store a change starts from
 * them instead of a read: agents beat through one replica, so the parts are usually current, and
 * when another replica changed a node the write's conditions refuse it and bring the current parts
 * back in the same round trip. A heartbeat is then one transaction and no read.
 */
public class KnownNodes {

    /** Remembers nothing: every change starts from a read. */
    static final KnownNodes NONE = new KnownNodes(0) {
        @Override
        NodeParts get(String uuid) {
            return null;
        }

        @Override
        void put(String uuid, NodeParts nodeParts) {}
    };

    private final Map<String, NodeParts> parts;

    KnownNodes(int capacity) {
        this.parts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, NodeParts> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The node's parts as last seen, or null when not known. */
    synchronized NodeParts get(String uuid) {
        return parts.get(uuid);
    }

    synchronized void put(String uuid, NodeParts nodeParts) {
        parts.put(uuid, nodeParts);
    }

    synchronized void forget(String uuid) {
        parts.remove(uuid);
    }

    synchronized void clear() {
        parts.clear();
    }
}
