package io.spear.next.sms.watch;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.RegistryEvent;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.sms.nodes.Limits;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Which events a watcher wants: all of the given conditions hold (empty: any). */
public record WatchFilter(
        Set<NodeStatus> statuses, LabelSelector selector, Set<String> nodeUuids, Set<RegistryEvent.Type> types) {

    /**
     * A filter from a watch request's parameters, as either API receives them: the statuses as the
     * API names them (empty: any), the types by wire name, the uuids in any case (empty: any); a bad
     * one is an InvalidFieldException naming it.
     */
    public static WatchFilter parse(
            Set<NodeStatus> statuses, LabelSelector selector, Collection<String> nodeUuids, Collection<String> types) {
        if (nodeUuids.size() > Limits.NODE_UUIDS) {
            throw new InvalidFieldException(
                    "node_uuid", "at most " + Limits.NODE_UUIDS + " uuids, got " + nodeUuids.size());
        }
        Set<String> uuids = new HashSet<>();
        nodeUuids.forEach(uuid -> uuids.add(NodeRegistry.canonicalUuid(uuid)));
        Set<RegistryEvent.Type> parsedTypes = new HashSet<>();
        types.forEach(type -> parsedTypes.add(RegistryEvent.Type.parse(type)));
        return new WatchFilter(Set.copyOf(statuses), selector, uuids, parsedTypes);
    }

    public boolean matches(RegistryEvent event) {
        if (!types.isEmpty() && !types.contains(event.type())) {
            return false;
        }
        if (!nodeUuids.isEmpty() && !nodeUuids.contains(event.nodeUuid())) {
            return false;
        }
        if (!statuses.isEmpty()
                && (event.node() == null || !statuses.contains(event.node().status()))) {
            return false;
        }
        return selector.isEmpty()
                || event.node() != null && selector.matches(event.node().metadata());
    }
}
