package io.spear.next.registry;

import io.spear.next.registry.format.KeyOrderedMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A registered node's fields as the API shows them, whoever holds them: a {@link Node}, or a page's
 * stored records read in place (no copies), which the API writes out field by field. Maps may come
 * in any order: what is written out goes through {@link #inKeyOrder}, so that the same node always
 * reads the same.
 */
public interface NodeFields {

    String uuid();

    /** Null when the node has no name. */
    String name();

    String ipAddress();

    int port();

    /** Null when the node has no HTTP port. */
    Integer httpPort();

    public NodeStatus status();

    long lastHeartbeat();

    long registeredAt();

    long statusChangedAt();

    Map<String, String> metadata();

    Map<String, String> healthInfo();

    long revision();

    /** These fields as a {@link Node}. */
    default Node toNode() {
        return new Node(
                uuid(),
                name(),
                ipAddress(),
                port(),
                httpPort(),
                status(),
                lastHeartbeat(),
                registeredAt(),
                statusChangedAt(),
                metadata(),
                healthInfo(),
                revision());
    }

    /** {@code map} in key order ({@link String#compareTo}): itself when it already is, as stored maps usually are. */
    static Map<String, String> inKeyOrder(Map<String, String> map) {
        if (map.size() < 2 || map instanceof KeyOrderedMap) {
            return map;
        }
        Iterator<String> keys = map.keySet().iterator();
        String previous = keys.next();
        while (keys.hasNext()) {
            String key = keys.next();
            if (previous.compareTo(key) > 0) {
                return new TreeMap<>(map);
            }
            previous = key;
        }
        return map;
    }
}
