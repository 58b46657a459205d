package io.spear.next.registry;

import io.spear.next.storage.kv.KvStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Resource reports on a {@link KvStore} (keys {@code resource:{uuid}}), next to the nodes they
 * describe. A report for a node that is not registered is refused, also when the node is removed
 * while the report is written.
 */
public final class NodeResourceRegistry {

    private final RegistryStore records;

    public NodeResourceRegistry(KvStore store) {
        this(store, RegistrySettings.DEFAULTS);
    }

    public NodeResourceRegistry(KvStore store, RegistrySettings settings) {
        this.records = RegistryStore.open(store, settings);
    }

    /** Stores the node's latest report, stamped with the node's uuid and the current time. */
    public NodeResource update(String uuid, NodeResource report) {
        String id = NodeRegistry.canonicalUuid(uuid);
        long now = records.now();
        return records.transact(id, state -> {
            Node node = NodeRegistry.existing(id, state);
            NodeResource stored = report.storedFor(id, now);
            return new RegistryStore.Change<>(node, stored, stored);
        });
    }

    public Optional<NodeResource> get(String uuid) {
        return records.resource(NodeRegistry.canonicalUuid(uuid));
    }

    /** Drops the node's report; false if it had none. */
    public boolean remove(String uuid) {
        String id = NodeRegistry.canonicalUuid(uuid);
        return records.transact(id, state -> new RegistryStore.Change<>(state.node(), null, state.resource() != null));
    }

    /** The node and its report (null when it has none); empty when the node is not registered. */
    public Optional<NodeWithResource> nodeWithResource(String uuid) {
        RegistryStore.State state = records.read(NodeRegistry.canonicalUuid(uuid));
        return Optional.ofNullable(state.node()).map(node -> new NodeWithResource(node, state.resource()));
    }

    /** One page of reports, in uuid order: of the given nodes, of high-load nodes, or of all. */
    public Page<NodeResource> list(ResourceQuery query) {
        if (!query.nodeUuids().isEmpty()) {
            return listOf(query);
        }
        if (query.highLoadOnly()) {
            return records.page(RegistryKeys.HIGH_LOAD, query.pageToken(), query.limit(),
                    cursor -> records.resource(RegistryKeys.uuidOf(cursor.key())));
        }
        return records.page(RegistryKeys.RESOURCE, query.pageToken(), query.limit(),
                cursor -> Optional.of(records.decode(cursor.value(), NodeResource.class)));
    }

    /** High-load reports (see {@link HighLoadThresholds}), one page at a time. */
    public Page<NodeResource> highLoad(int limit, String pageToken) {
        return list(new ResourceQuery(List.of(), true, limit, pageToken));
    }

    private Page<NodeResource> listOf(ResourceQuery query) {
        TreeSet<String> uuids = new TreeSet<>();
        query.nodeUuids().forEach(uuid -> uuids.add(NodeRegistry.canonicalUuid(uuid)));
        String last = records.lastKeyOf(RegistryKeys.RESOURCE, query.pageToken());
        List<NodeResource> items = new ArrayList<>();
        for (String uuid : last == null ? uuids : uuids.tailSet(RegistryKeys.uuidOf(last), false)) {
            Optional<NodeResource> report = records.resource(uuid);
            if (report.isEmpty()) {
                continue;
            }
            if (items.size() == query.limit()) {
                return new Page<>(items, records.tokenFor(RegistryKeys.resource(items.get(items.size() - 1).nodeUuid())));
            }
            items.add(report.get());
        }
        return new Page<>(items, null);
    }
}
