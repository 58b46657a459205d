package io.spear.next.registry.format;

import io.spear.next.registry.Node;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.RegistryFormatException;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.LocalFiles;
import io.spear.next.storage.kv.RangeOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version of the stored format, kept in {@code registry-meta:format}. Opening a store upgrades
 * older data in place (format 1: JSON records; format 2: index entries without the record) and
 * refuses data from a newer release, which it could misread. The rule for changing the format is
 * in {@code registry_store.proto}.
 */
public final class RegistryFormat {

    /**
     * 3: the index entries that follow from a node's record carry the record (2: empty values); the
     * records themselves are as in 2, and the entries are derived data, rebuilt on opening (see
     * {@code write.DerivedData.ensureCurrent}).
     */
    public static final int CURRENT = 3;

    private static final int BATCH = 10_000;

    private RegistryFormat() {}

    /** Brings the store to the current format; returns the number of records rewritten. */
    public static int upgrade(KvStore store) {
        Optional<byte[]> recorded = store.get(RegistryKeys.FORMAT);
        int version = recorded.map(RegistryFormat::parse).orElse(FormatV1.VERSION);
        if (version > CURRENT) {
            throw new RegistryFormatException("the registry data" + LocalFiles.inDirectoryOf(store)
                    + " is in format " + version
                    + ", written by a newer release of the SMS; this release reads formats "
                    + FormatV1.VERSION + " to " + CURRENT
                    + ". Run the newer release, or restore a backup taken by this one");
        }
        int rewritten = version == FormatV1.VERSION ? upgradeFromV1(store) : 0;
        if (version != CURRENT) {
            store.put(RegistryKeys.FORMAT, Integer.toString(CURRENT).getBytes(StandardCharsets.US_ASCII));
        }
        return rewritten;
    }

    private static int parse(byte[] value) {
        String text = new String(value, StandardCharsets.US_ASCII);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryFormatException("the registry's format marker " + RegistryKeys.FORMAT + " holds '" + text
                    + "', not a version number; the data was not written by this SMS");
        }
    }

    /**
     * Rewrites format-1 records (JSON) as current ones: each node becomes its record and its
     * liveness, written together; reports and events are re-encoded. Records already current are
     * left alone, so an upgrade that stopped halfway resumes where it was.
     */
    private static int upgradeFromV1(KvStore store) {
        int rewritten = 0;
        List<KvMutation> batch = new ArrayList<>();
        for (String prefix : List.of(RegistryKeys.NODE, RegistryKeys.RESOURCE, RegistryKeys.EVENT)) {
            try (KvCursor cursor = store.cursor(RangeOptions.prefix(prefix))) {
                while (cursor.next()) {
                    byte[] value = cursor.value();
                    if (!FormatV1.isV1(value)) {
                        continue;
                    }
                    try {
                        convert(cursor.key(), value, batch);
                    } catch (IllegalArgumentException e) {
                        throw new RegistryFormatException("cannot upgrade the registry data"
                                + LocalFiles.inDirectoryOf(store) + " to format " + CURRENT + ": "
                                + e.getMessage()
                                + ". Restore a backup, or import an export taken before the damage");
                    }
                    rewritten++;
                    if (batch.size() >= Math.min(BATCH, store.limits().maxOperations() - 2)) {
                        store.write(batch);
                        batch = new ArrayList<>();
                    }
                }
            }
        }
        store.write(batch);
        return rewritten;
    }

    private static void convert(String key, byte[] value, List<KvMutation> batch) {
        checkRecord(key, value);
        if (key.startsWith(RegistryKeys.NODE)) {
            Node node = FormatV1.node(value);
            batch.add(KvMutation.put(key, FormatV1.record(node).toByteArray()));
            batch.add(KvMutation.put(
                    RegistryKeys.beat(node.uuid()), FormatV1.liveness(node).toByteArray()));
        } else if (key.startsWith(RegistryKeys.RESOURCE)) {
            NodeResource report = FormatV1.report(value);
            batch.add(KvMutation.put(
                    key,
                    StoredForm.report(report, report.nodeUuid(), report.updatedAt())
                            .toByteArray()));
        } else {
            batch.add(KvMutation.put(key, FormatV1.event(value).toByteArray()));
        }
    }

    /**
     * Refuses a record this release could not read back: a node, liveness or report that does not
     * decode (in either format), or whose uuid is not the one in its key. Other keys (indexes,
     * totals) are not checked: they are rebuilt from the records.
     */
    public static void checkRecord(String key, byte[] value) {
        try {
            if (key.equals(RegistryKeys.FORMAT)) {
                int version = parse(value);
                require(
                        version >= FormatV1.VERSION && version <= CURRENT,
                        "format " + version + " is not one this " + "release reads (" + FormatV1.VERSION + " to "
                                + CURRENT + ")");
            } else if (key.startsWith(RegistryKeys.NODE)) {
                String uuid;
                boolean hasStatus;
                if (FormatV1.isV1(value)) {
                    Node node = FormatV1.node(value);
                    uuid = node.uuid();
                    hasStatus = node.status() != null;
                } else {
                    StoredNode node = StoredForm.parseNode(value);
                    uuid = node.getUuid();
                    hasStatus = node.getStatusValue() != 0;
                }
                require(
                        uuid != null && key.equals(RegistryKeys.node(uuid)) && hasStatus,
                        "the node in " + key + " has another or no uuid, or no status");
            } else if (key.startsWith(RegistryKeys.BEAT)) {
                StoredForm.parseLiveness(value);
            } else if (key.startsWith(RegistryKeys.RESOURCE)) {
                String uuid = FormatV1.isV1(value)
                        ? FormatV1.report(value).nodeUuid()
                        : StoredForm.parseReport(value).getNodeUuid();
                require(
                        uuid != null && key.equals(RegistryKeys.resource(uuid)),
                        "the report in " + key + " is for another node");
            }
        } catch (IllegalStateException | RegistryFormatException e) {
            throw new IllegalArgumentException("the value of " + key + " is not a registry record: " + e.getMessage());
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
