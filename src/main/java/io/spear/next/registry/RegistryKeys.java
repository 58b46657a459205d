package io.spear.next.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The key layout. Records live at {@code node:{uuid}} and {@code resource:{uuid}}; index entries
 * (empty values) let every listing and the sweeper read only what they return. Times in index keys
 * are zero-padded so that byte order is time order.
 */
final class RegistryKeys {

    static final String NODE = "node:";
    static final String RESOURCE = "resource:";
    /** Everything under these two is derived from the records and can be rebuilt from them. */
    static final String INDEX = "idx:";
    static final String STATS = "stats:";
    static final String BY_STATUS = INDEX + "status:";
    static final String BY_LABEL = INDEX + "label:";
    static final String BY_HEARTBEAT = INDEX + "heartbeat:";
    static final String BY_UNHEALTHY_SINCE = INDEX + "unhealthy-since:";
    static final String BY_RESOURCE_UPDATE = INDEX + "resource-updated:";
    static final String HIGH_LOAD = INDEX + "high-load:";
    static final String STATS_SHARD = STATS + "shard:";
    static final String STATS_META = STATS + "meta";
    /** The change log: {@code event:{revision}}, zero-padded so that byte order is revision order. */
    static final String EVENT = "event:";
    /** The lowest revision the log still holds: everything below was trimmed. */
    static final String EVENT_FLOOR = "events-meta:floor";

    private RegistryKeys() {
    }

    static String node(String uuid) {
        return NODE + uuid;
    }

    static String resource(String uuid) {
        return RESOURCE + uuid;
    }

    static String event(long revision) {
        String digits = Long.toString(revision);
        return EVENT + "0".repeat(19 - digits.length()) + digits;
    }

    static long revisionOf(String eventKey) {
        return Long.parseLong(eventKey.substring(EVENT.length()));
    }

    static String statusPrefix(NodeStatus status) {
        return BY_STATUS + status.wireName() + ":";
    }

    static String labelPrefix(String key, String value) {
        return BY_LABEL + encode(key) + "=" + encode(value) + ":";
    }

    /** {@code prefix} followed by a time: the start of the entries at or after that second. */
    static String timed(String prefix, long epochSecond) {
        String digits = Long.toString(Math.max(0, epochSecond));
        return prefix + "0".repeat(19 - digits.length()) + digits + ":"; // on every heartbeat: no String.format
    }

    /** The uuid at the end of an index key. */
    static String uuidOf(String indexKey) {
        return indexKey.substring(indexKey.lastIndexOf(':') + 1);
    }

    /** Every index entry a node (and its report, possibly null) has; null node: none. */
    static Set<String> indexEntries(Node node, NodeResource resource, HighLoadThresholds highLoad) {
        Set<String> keys = new TreeSet<>();
        if (node == null) {
            return keys;
        }
        String uuid = node.uuid();
        keys.add(statusPrefix(node.status()) + uuid);
        for (Map.Entry<String, String> label : node.metadata().entrySet()) {
            keys.add(labelPrefix(label.getKey(), label.getValue()) + uuid);
        }
        if (node.status() == NodeStatus.ACTIVE) {
            keys.add(timed(BY_HEARTBEAT, node.lastHeartbeat()) + uuid);
        }
        if (node.status() == NodeStatus.UNHEALTHY) {
            keys.add(timed(BY_UNHEALTHY_SINCE, node.statusChangedAt()) + uuid);
        }
        if (resource != null) {
            keys.add(timed(BY_RESOURCE_UPDATE, resource.updatedAt()) + uuid);
            if (highLoad.isHighLoad(resource)) {
                keys.add(HIGH_LOAD + uuid);
            }
        }
        return keys;
    }

    // Labels may hold ':' or '=': percent-encode them so index keys parse unambiguously.
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
