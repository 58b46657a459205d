package io.spear.next.registry;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;

/**
 * One change of the registry, as the watch stream carries it: its global revision (strictly
 * increasing, never reused, with gaps where a write lost a race), its type, the node's uuid, and
 * the node after the change (as it was, for {@code node_removed}) and, for {@code resource_updated},
 * the new report.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegistryEvent(long revision, Type type, String nodeUuid, long at, Node node, NodeResource resource,
        NodeStatus oldStatus, NodeStatus newStatus) {

    public enum Type {
        NODE_REGISTERED, NODE_UPDATED, NODE_STATUS_CHANGED, NODE_REMOVED, RESOURCE_UPDATED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonValue
        String json() {
            return wireName();
        }

        public static Type parse(String wire) {
            for (Type type : values()) {
                if (type.wireName().equals(wire)) {
                    return type;
                }
            }
            throw new InvalidFieldException("types", "must be among node_registered, node_updated, "
                    + "node_status_changed, node_removed, resource_updated; got '" + wire + "'");
        }
    }

    RegistryEvent withRevision(long newRevision) {
        return new RegistryEvent(newRevision, type, nodeUuid, at, node, resource, oldStatus, newStatus);
    }

    /**
     * The events of one transaction, revisions still to be given. A heartbeat that only moves the
     * node's heartbeat time (and revision), or a report equal to the last but for its time, is no
     * event: those would flood the stream.
     */
    static List<RegistryEvent> between(String uuid, Node beforeNode, NodeResource beforeResource, Node afterNode,
            NodeResource afterResource, long now) {
        List<RegistryEvent> events = new ArrayList<>(2);
        if (beforeNode == null && afterNode != null) {
            events.add(new RegistryEvent(0, Type.NODE_REGISTERED, uuid, now, afterNode, null, null,
                    afterNode.status()));
        } else if (beforeNode != null && afterNode == null) {
            events.add(new RegistryEvent(0, Type.NODE_REMOVED, uuid, now, beforeNode, null, beforeNode.status(), null));
            return events;
        } else if (beforeNode != null) {
            if (beforeNode.status() != afterNode.status()) {
                events.add(new RegistryEvent(0, Type.NODE_STATUS_CHANGED, uuid, now, afterNode, null,
                        beforeNode.status(), afterNode.status()));
            } else if (!beforeNode.withoutBeat().equals(afterNode.withoutBeat())) {
                events.add(new RegistryEvent(0, Type.NODE_UPDATED, uuid, now, afterNode, null, null,
                        afterNode.status()));
            }
        }
        if (afterResource != null
                && (beforeResource == null || !beforeResource.withoutTime().equals(afterResource.withoutTime()))) {
            events.add(new RegistryEvent(0, Type.RESOURCE_UPDATED, uuid, now, afterNode, afterResource, null, null));
        }
        return events;
    }
}
