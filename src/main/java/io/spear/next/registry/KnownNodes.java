package io.spear.next.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts (record, liveness, report) of the nodes this process last wrote or read, as stored,
 * the least recently used dropped beyond {@code capacity}. On a shared store a change starts from
 * them instead of a read: agents beat through one replica, so the parts are usually current, and
 * when another replica changed a node the write's conditions refuse it and bring the current parts
 * back in the same round trip. A heartbeat is then one transaction and no read.
 */
final class KnownNodes {

    private final Map<String, List<Optional<byte[]>>> parts;

    KnownNodes(int capacity) {
        this.parts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Optional<byte[]>>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The node's three parts as last seen, or null when not known. */
    synchronized List<Optional<byte[]>> get(String uuid) {
        return parts.get(uuid);
    }

    synchronized void put(String uuid, List<Optional<byte[]>> nodeParts) {
        parts.put(uuid, List.copyOf(nodeParts));
    }

    synchronized void forget(String uuid) {
        parts.remove(uuid);
    }

    synchronized void clear() {
        parts.clear();
    }
}
