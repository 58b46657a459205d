package io.spear.next.registry;

import io.spear.next.registry.format.NodeState;
import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.query.NodeQuery;
import io.spear.next.registry.read.IndexRanges;
import io.spear.next.registry.write.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Registered nodes ({@code node:{uuid}} and {@code beat:{uuid}}): registration, heartbeats,
 * updates, removal and listings. A view of the {@link Registry}'s engine; safe to use from many
 * threads.
 */
public final class NodeRegistry {

    private final RegistryEngine engine;

    NodeRegistry(RegistryEngine engine) {
        this.engine = engine;
    }

    /** Registers a node; a missing uuid gets a random (v4) one. */
    public Node register(NodeRegistration registration) {
        String uuid = uuidOf(registration);
        long now = engine.now();
        return engine.transact(uuid, state -> {
            if (state.exists()) {
                throw new NodeAlreadyExistsException(uuid);
            }
            NodeState registered = state.registered(registration, now);
            return new Transition<>(registered, registered.view());
        });
    }

    /**
     * Registers a node, or registers a known one again (Spear's RegisterNode): its address, ports,
     * name and metadata are replaced, its registration time and report kept, and it beats now, so
     * it is active again unless decommissioning. Repeating a registration changes nothing but the
     * heartbeat time and the revision. A whole fleet registers again after a restart, so no thread
     * waits: the future completes on the registry's writer once the registration is durable (or
     * failed); throws at once for an invalid uuid, and {@link RegistryBusyException} when the write
     * queue is full.
     */
    public CompletableFuture<Registration> submitRegisterOrRenew(NodeRegistration registration) {
        String uuid = uuidOf(registration);
        long now = engine.now();
        return engine.submit(uuid, state -> {
            NodeState after = state.exists() ? state.renewed(registration, now) : state.registered(registration, now);
            return new Transition<>(after, new Registration(after.view(), !state.exists()));
        });
    }

    /** A node as registered, and whether the registration created it. */
    public record Registration(Node node, boolean created) {}

    /**
     * Replaces the node's address, ports, name and metadata with {@code description}'s (its uuid is
     * not read), as Spear's UpdateNode does, and leaves its status one of {@code statuses} (empty:
     * as it is): kept when it is one of them, else the first (in {@link NodeStatus} order). With
     * {@code expectedRevision}, only if the node is still at it.
     */
    public Node replace(
            String uuid, NodeRegistration description, Set<NodeStatus> statuses, OptionalLong expectedRevision) {
        String id = canonicalUuid(uuid);
        long now = engine.now();
        return engine.transact(id, state -> {
            Node current = existing(state).view();
            checkRevision(id, expectedRevision, current);
            NodeState replaced = state.replaced(description, statuses, now);
            return new Transition<>(replaced, replaced == state ? current : replaced.view());
        });
    }

    public Optional<Node> get(String uuid) {
        return engine.node(canonicalUuid(uuid));
    }

    /** Applies the given fields; with {@code expectedRevision} only if the node is still at it. */
    public Node update(String uuid, NodeUpdate update, OptionalLong expectedRevision) {
        String id = canonicalUuid(uuid);
        long now = engine.now();
        return engine.transact(id, state -> {
            Node current = existing(state).view();
            checkRevision(id, expectedRevision, current);
            NodeState updated = state.updated(update, now);
            return new Transition<>(updated, updated == state ? current : updated.view());
        });
    }

    /** Removes the node and its resource report together; false if there was no such node. */
    public boolean remove(String uuid) {
        String id = canonicalUuid(uuid);
        return engine.transact(
                id, state -> state.exists() ? new Transition<>(state.removed(), true) : new Transition<>(state, false));
    }

    /**
     * Records a heartbeat: {@code last_heartbeat} is now, the status becomes {@code active} (a
     * decommissioning node stays so), {@code healthInfo} replaces the last one when given, and
     * {@code resource} (when given) becomes the node's report, all in one atomic write. Returns the
     * node as the beat left it.
     */
    public Node heartbeat(String uuid, Map<String, String> healthInfo, NodeResource resource) {
        return RegistryEngine.await(submitHeartbeat(uuid, healthInfo, resource));
    }

    /**
     * As {@link #heartbeat}, without waiting: the future completes on the registry's writer once
     * the beat is durable (or failed). Throws at once for an invalid uuid, and {@link
     * RegistryBusyException} when the write queue is full.
     */
    public CompletableFuture<Node> submitHeartbeat(String uuid, Map<String, String> healthInfo, NodeResource resource) {
        String id = canonicalUuid(uuid);
        long now = engine.now();
        return engine.submit(id, state -> {
            NodeState beat = existing(state).beat(now, healthInfo);
            if (resource != null) {
                beat = beat.reported(resource, now);
            }
            return new Transition<>(beat, beat.view());
        });
    }

    /**
     * One page of nodes, in uuid order within what the query walks: the indexes of a label the
     * selector requires one of a few values of, or requires with few values ({@link IndexRanges};
     * labels usually pick fewer nodes than a status does), else the status index, else every record;
     * the rest of the query is checked on each node. The index entries carry the node's record: a
     * page is one walk and one multi-get of the liveness, and its nodes are the stored records read
     * in place.
     */
    public Page<NodeFields> list(NodeQuery query) {
        IndexRanges ranges = IndexRanges.ofLabels(query.selector(), engine.store)
                .orElseGet(() -> query.statuses().isEmpty()
                        ? IndexRanges.of(RegistryKeys.NODE)
                        : IndexRanges.of(query.statuses().stream()
                                .map(RegistryKeys::statusPrefix)
                                .toList()));
        return engine.pager.page(
                ranges,
                query.pageToken(),
                query.limit(),
                true, // records, or entries that carry them
                entries -> matching(engine.pager.nodesOfRecords(entries), query));
    }

    private static List<Optional<NodeFields>> matching(List<Optional<NodeFields>> nodes, NodeQuery query) {
        List<Optional<NodeFields>> matching = new ArrayList<>(nodes.size());
        for (Optional<NodeFields> node : nodes) {
            matching.add(
                    node.filter(n -> query.wants(n.status()) && query.selector().matches(n.metadata())));
        }
        return matching;
    }

    public ClusterStats clusterStats() {
        return engine.stats();
    }

    public static String canonicalUuid(String uuid) {
        String lower = uuid == null ? "" : uuid.toLowerCase(java.util.Locale.ROOT);
        if (!RegistryKeys.isCanonicalUuid(lower)) {
            throw new InvalidFieldException(
                    "uuid", "must be a UUID such as 123e4567-e89b-42d3-a456-426614174000, got '" + uuid + "'");
        }
        return lower;
    }

    /** The registration's uuid, canonical; a random (v4) one when it names none. */
    private static String uuidOf(NodeRegistration registration) {
        return registration.uuid() == null ? UUID.randomUUID().toString() : canonicalUuid(registration.uuid());
    }

    private static void checkRevision(String uuid, OptionalLong expectedRevision, Node current) {
        if (expectedRevision.isPresent() && expectedRevision.getAsLong() != current.revision()) {
            throw new RevisionMismatchException(uuid, expectedRevision.getAsLong(), current.revision());
        }
    }

    static NodeState existing(NodeState state) {
        if (!state.exists()) {
            throw new NodeNotFoundException(state.uuid());
        }
        return state;
    }
}
