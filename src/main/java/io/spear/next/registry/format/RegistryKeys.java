package io.spear.next.registry.format;

import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.NodeResource.Figure;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.stored.StoredLiveness;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.registry.stored.StoredReport;
import io.spear.next.registry.stored.StoredStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The key layout. Records live at {@code node:{uuid}}, {@code beat:{uuid}} and {@code resource:{uuid}}; index entries
 * (empty values) let every listing and the sweeper read only what they return. Times in index keys
 * are zero-padded so that byte order is time order.
 */
public final class RegistryKeys {

    public static final String NODE = "node:";
    public static final String RESOURCE = "resource:";
    /** A node's liveness: what every heartbeat rewrites (see {@link NodeState}). */
    static final String BEAT = "beat:";
    /** The version of the stored format the records are in (see {@link RegistryFormat}). */
    static final String FORMAT = "registry-meta:format";
    /** Everything under these two is derived from the records and can be rebuilt from them. */
    public static final String INDEX = "idx:";

    public static final String STATS = "stats:";
    static final String BY_STATUS = INDEX + "status:";
    static final String BY_LABEL = INDEX + "label:";
    public static final String BY_HEARTBEAT = INDEX + "heartbeat:";
    public static final String BY_UNHEALTHY_SINCE = INDEX + "unhealthy-since:";
    public static final String BY_RESOURCE_UPDATE = INDEX + "resource-updated:";
    public static final String HIGH_LOAD = INDEX + "high-load:";
    static final String BY_FIGURE = INDEX + "figure:";
    public static final String STATS_SHARD = STATS + "shard:";
    public static final String STATS_META = STATS + "meta";
    /** The change log: {@code event:{revision}}, zero-padded so that byte order is revision order. */
    public static final String EVENT = "event:";
    /** A store with its own history (etcd): {@code change:{uuid}} holds a node's latest change's events. */
    public static final String CHANGE = "change:";
    /** The store revision the last history compaction recorded (see {@code events.HistoryCompactor}). */
    public static final String COMPACTION = "registry-meta:compaction";
    /** The lowest revision the log still holds: everything below was trimmed. */
    public static final String EVENT_FLOOR = "events-meta:floor";

    private RegistryKeys() {}

    public static String node(String uuid) {
        return NODE + uuid;
    }

    public static String resource(String uuid) {
        return RESOURCE + uuid;
    }

    public static String beat(String uuid) {
        return BEAT + uuid;
    }

    public static String event(long revision) {
        String digits = Long.toString(revision);
        return EVENT + "0".repeat(19 - digits.length()) + digits;
    }

    public static long revisionOf(String eventKey) {
        return Long.parseLong(eventKey.substring(EVENT.length()));
    }

    public static String statusPrefix(NodeStatus status) {
        return BY_STATUS + status.wireName() + ":";
    }

    public static String labelPrefix(String key, String value) {
        return labelKeyPrefix(key) + encode(value) + ":";
    }

    /** What the entries of every value of a label start with. */
    public static String labelKeyPrefix(String key) {
        return BY_LABEL + encode(key) + "=";
    }

    /**
     * What the page tokens of a listing of the nodes that have a label start with: no entry's key
     * does (its label key is followed by '=').
     */
    public static String labelExistsToken(String key) {
        return BY_LABEL + encode(key) + ":";
    }

    /**
     * Heartbeat and report times are indexed by buckets of this many seconds, so that a node that
     * beats every few seconds moves its entries once a bucket, not on every beat. Whoever reads the
     * index re-checks the exact time in the record (the sweeper does).
     */
    public static final long TIME_BUCKET_SECONDS = 16;

    /** The entry of {@code uuid} under {@code prefix} for a time: in the bucket that holds it. */
    static String bucketed(String prefix, long epochSecond, String uuid) {
        return timed(prefix, epochSecond - Math.floorMod(epochSecond, TIME_BUCKET_SECONDS)) + uuid;
    }

    /** {@code prefix} followed by a time: the start of the entries at or after that second. */
    public static String timed(String prefix, long epochSecond) {
        String digits = Long.toString(Math.max(0, epochSecond));
        return prefix + "0".repeat(19 - digits.length()) + digits + ":"; // on every heartbeat: no String.format
    }

    /** The uuid in canonical (lower-case, hyphenated) form; anything else, even with blanks around it, is invalid. */
    public static boolean isCanonicalUuid(String uuid) {
        if (uuid.length() != 36) {
            return false;
        }
        // 8-4-4-4-12 lower-case hex digits; a loop, not a regex: every call checks one
        for (int i = 0; i < 36; i++) {
            char c = uuid.charAt(i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphen ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The uuid at the end of an index key. */
    public static String uuidOf(String indexKey) {
        return indexKey.substring(indexKey.lastIndexOf(':') + 1);
    }

    /** The index entries that follow from a node's record (none for an absent node). */
    public static Set<String> recordEntries(StoredNode node) {
        Set<String> keys = new HashSet<>();
        if (node == null) {
            return keys;
        }
        String uuid = node.getUuid();
        keys.add(statusPrefix(StoredForm.status(node.getStatus())) + uuid);
        for (Map.Entry<String, String> label : node.getMetadataMap().entrySet()) {
            keys.add(labelPrefix(label.getKey(), label.getValue()) + uuid);
        }
        if (node.getStatus() == StoredStatus.STORED_STATUS_UNHEALTHY) {
            keys.add(timed(BY_UNHEALTHY_SINCE, node.getStatusChangedAt()) + uuid);
        }
        return keys;
    }

    /**
     * Whether a record's index entries carry the record, so that a listing reads it with the walk:
     * yes for the usual node (a few labels, a small record), no past these bounds, where rewriting
     * every entry on each change of the record would cost more than a listing saves. An entry
     * without the record has the record read by key. (The engine adds: never on a shared store.)
     */
    public static boolean carriesRecord(Set<String> entries, byte[] record) {
        return entries.size() <= CARRIED_ENTRIES && record.length <= CARRIED_BYTES;
    }

    static final int CARRIED_ENTRIES = 16;
    static final int CARRIED_BYTES = 2048;

    /** The heartbeat-expiry entry of an active node; null otherwise. */
    public static String heartbeatEntry(StoredNode node, StoredLiveness liveness) {
        return node == null || node.getStatus() != StoredStatus.STORED_STATUS_ACTIVE
                ? null
                : bucketed(BY_HEARTBEAT, liveness.getLastHeartbeat(), node.getUuid());
    }

    /**
     * The entries that follow from a node's report (none without one); with {@code figures}, those
     * of its {@link #INDEXED_FIGURES} too.
     */
    public static Set<String> reportEntries(StoredReport report, HighLoadThresholds highLoad, boolean figures) {
        Set<String> keys = new HashSet<>(figures ? 12 : 4);
        if (report == null) {
            return keys;
        }
        keys.add(bucketed(BY_RESOURCE_UPDATE, report.getUpdatedAt(), report.getNodeUuid()));
        if (highLoad.isHighLoad(
                report.getCpuUsagePercent(), report.getMemoryUsagePercent(), report.getLoadAverage1M())) {
            keys.add(HIGH_LOAD + report.getNodeUuid());
        }
        if (figures) {
            for (Figure figure : INDEXED_FIGURES) {
                keys.add(figurePrefix(figure) + sortable(StoredForm.figure(report, figure)) + ":"
                        + report.getNodeUuid());
            }
        }
        return keys;
    }

    /**
     * The report figures indexed by value: what schedulers sort and filter by most, so that a
     * sorted listing walks the figure's entries in order and reads only the reports it returns, not
     * every report.
     */
    public static final Set<Figure> INDEXED_FIGURES = Collections.unmodifiableSet(EnumSet.of(
            Figure.CPU_USAGE_PERCENT,
            Figure.MEMORY_USAGE_PERCENT,
            Figure.AVAILABLE_MEMORY_BYTES,
            Figure.DISK_USAGE_PERCENT,
            Figure.LOAD_AVERAGE_1M));

    /** Where a figure's entries live: under its JSON name. */
    public static String figurePrefix(Figure figure) {
        return BY_FIGURE + figure.jsonName() + ":";
    }

    /** The figure's value in a figure entry's key. */
    public static String sortableOf(String figureEntry) {
        int end = figureEntry.lastIndexOf(':');
        return figureEntry.substring(end - 16, end);
    }

    /**
     * A double as 16 hex digits whose order as text is the numbers' order (IEEE 754 bits, the sign
     * bit flipped for positive numbers and every bit for negative ones); -0.0 is 0.0.
     */
    public static String sortable(double value) {
        long bits = Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
        String hex = Long.toHexString(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
        return "0".repeat(16 - hex.length()) + hex;
    }

    // Labels may hold ':' or '=': percent-encode them so index keys parse unambiguously.
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
