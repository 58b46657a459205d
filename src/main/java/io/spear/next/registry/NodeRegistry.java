package io.spear.next.registry;

import io.spear.next.storage.kv.KvStore;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Registered nodes on a {@link KvStore} (keys {@code node:{uuid}}). Safe to use from many threads
 * and next to a {@link NodeResourceRegistry} on the same store: every change is a compare-and-set
 * of the node's records, so none is lost.
 */
public final class NodeRegistry {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final RegistryStore records;

    public NodeRegistry(KvStore store) {
        this(store, RegistrySettings.DEFAULTS);
    }

    public NodeRegistry(KvStore store, RegistrySettings settings) {
        this.records = RegistryStore.open(store, settings);
    }

    /**
     * Recomputes a store's indexes and cluster totals from its node and resource records: for a
     * store whose records were written directly, as an import does. Run it while nothing else
     * writes to the store.
     */
    public static void rebuildDerivedData(KvStore store, RegistrySettings settings) {
        RegistryStore.rebuild(store, settings);
    }

    /** Whether {@code store} holds any node or resource record, without reading them all. */
    public static boolean holdsRecords(KvStore store) {
        return RegistryStore.holdsRecords(store);
    }

    /**
     * Throws {@link IllegalArgumentException} for a pair this registry could not read back (a node
     * or report record that does not decode or sits under another uuid); for checking imports.
     */
    public static void checkRecord(String key, byte[] value) {
        RegistryStore.checkRecord(key, value);
    }

    /** Registers a node; a missing uuid gets a random (v4) one. */
    public Node register(NodeRegistration registration) {
        String uuid = registration.uuid() == null ? UUID.randomUUID().toString() : canonicalUuid(registration.uuid());
        long now = records.now();
        Node node = new Node(uuid, registration.name(), registration.ipAddress(), registration.port(),
                registration.httpPort(), NodeStatus.ACTIVE, now, now, now, registration.metadata(), Map.of(), 1);
        return records.transact(uuid, state -> {
            if (state.node() != null) {
                throw new NodeAlreadyExistsException(uuid);
            }
            // A stale report of an earlier node with this uuid does not carry over.
            return new RegistryStore.Change<>(node, null, node);
        });
    }

    public Optional<Node> get(String uuid) {
        return records.node(canonicalUuid(uuid));
    }

    /** Applies the given fields; with {@code expectedRevision} only if the node is still at it. */
    public Node update(String uuid, NodeUpdate update, OptionalLong expectedRevision) {
        String id = canonicalUuid(uuid);
        long now = records.now();
        return records.transact(id, state -> {
            Node current = existing(id, state);
            if (expectedRevision.isPresent() && expectedRevision.getAsLong() != current.revision()) {
                throw new RevisionMismatchException(id, expectedRevision.getAsLong(), current.revision());
            }
            Node changed = apply(current, update, now);
            return changed.equals(current)
                    ? new RegistryStore.Change<>(current, state.resource(), current)
                    : change(changed.nextRevision(), state.resource());
        });
    }

    /** Removes the node and its resource report together; false if there was no such node. */
    public boolean remove(String uuid) {
        String id = canonicalUuid(uuid);
        return records.transact(id, state -> state.node() == null
                ? new RegistryStore.Change<>(null, state.resource(), false)
                : new RegistryStore.Change<>(null, null, true));
    }

    /**
     * Records a heartbeat: {@code last_heartbeat} is now, the status becomes {@code active} (a
     * decommissioning node stays so), {@code healthInfo} replaces the last one when given, and
     * {@code resource} (when given) becomes the node's report, all in one atomic write.
     */
    public NodeWithResource heartbeat(String uuid, Map<String, String> healthInfo, NodeResource resource) {
        String id = canonicalUuid(uuid);
        long now = records.now();
        return records.transact(id, state -> {
            Node current = existing(id, state);
            NodeStatus status = current.status() == NodeStatus.DECOMMISSIONING ? current.status() : NodeStatus.ACTIVE;
            Node beat = new Node(id, current.name(), current.ipAddress(), current.port(), current.httpPort(), status,
                    now, current.registeredAt(), status == current.status() ? current.statusChangedAt() : now,
                    current.metadata(), healthInfo == null ? current.healthInfo() : healthInfo, current.revision() + 1);
            NodeResource report = resource == null ? state.resource() : resource.storedFor(id, now);
            return new RegistryStore.Change<>(beat, report, new NodeWithResource(beat, report));
        });
    }

    /** One page of nodes, in uuid order within the index the query reads. */
    public Page<Node> list(NodeQuery query) {
        if (query.status() == null && query.labels().isEmpty()) {
            return records.page(RegistryKeys.NODE, query.pageToken(), query.limit(),
                    cursor -> Optional.of(records.decode(cursor.value(), Node.class)));
        }
        // Walk the narrowest index the query names; check the rest of the filter on each node.
        String prefix = query.status() != null
                ? RegistryKeys.statusPrefix(query.status())
                : labelPrefix(query.labels().entrySet().iterator().next());
        return records.page(prefix, query.pageToken(), query.limit(),
                cursor -> records.node(RegistryKeys.uuidOf(cursor.key())).filter(node -> matches(node, query)));
    }

    public ClusterStats clusterStats() {
        return records.stats();
    }

    /** The uuid in canonical (lower-case, hyphenated) form; anything else, even with blanks around it, is invalid. */
    static boolean isCanonicalUuid(String uuid) {
        return UUID_FORM.matcher(uuid).matches();
    }

    public static String canonicalUuid(String uuid) {
        String lower = uuid == null ? "" : uuid.toLowerCase(java.util.Locale.ROOT);
        if (!UUID_FORM.matcher(lower).matches()) {
            throw new InvalidFieldException("uuid", "must be a UUID such as 123e4567-e89b-42d3-a456-426614174000, got '"
                    + uuid + "'");
        }
        return lower;
    }

    static Node existing(String uuid, RegistryStore.State state) {
        if (state.node() == null) {
            throw new NodeNotFoundException(uuid);
        }
        return state.node();
    }

    private static RegistryStore.Change<Node> change(Node node, NodeResource resource) {
        return new RegistryStore.Change<>(node, resource, node);
    }

    private static Node apply(Node current, NodeUpdate update, long now) {
        Map<String, String> metadata = current.metadata();
        if (update.metadata() != null) {
            Map<String, String> merged = new TreeMap<>(metadata);
            update.metadata().forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            metadata = merged;
        }
        Node changed = new Node(current.uuid(),
                update.name() != null ? update.name() : current.name(),
                update.ipAddress() != null ? update.ipAddress() : current.ipAddress(),
                update.port() != null ? update.port() : current.port(),
                update.httpPort() != null ? update.httpPort() : current.httpPort(),
                current.status(), current.lastHeartbeat(), current.registeredAt(), current.statusChangedAt(),
                metadata, current.healthInfo(), current.revision());
        return update.status() == null ? changed : changed.withStatus(update.status(), now);
    }

    private static boolean matches(Node node, NodeQuery query) {
        if (query.status() != null && node.status() != query.status()) {
            return false;
        }
        for (Map.Entry<String, String> label : query.labels().entrySet()) {
            if (!label.getValue().equals(node.metadata().get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String labelPrefix(Map.Entry<String, String> label) {
        return RegistryKeys.labelPrefix(label.getKey(), label.getValue());
    }
}
