package io.spear.next.registry;

/**
 * One change of the registry, as the watch stream carries it: its global revision (strictly
 * increasing, never reused, with gaps where a write lost a race), its type, the node's uuid, and
 * the node after the change (as it was, for {@code node_removed}) and, for {@code resource_updated},
 * the new report.
 */
public record RegistryEvent(
        long revision,
        Type type,
        String nodeUuid,
        long at,
        Node node,
        NodeResource resource,
        NodeStatus oldStatus,
        NodeStatus newStatus) {

    public enum Type {
        NODE_REGISTERED,
        NODE_UPDATED,
        NODE_STATUS_CHANGED,
        NODE_REMOVED,
        RESOURCE_UPDATED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Type parse(String wire) {
            for (Type type : values()) {
                if (type.wireName().equals(wire)) {
                    return type;
                }
            }
            throw new InvalidFieldException(
                    "types",
                    "must be among node_registered, node_updated, "
                            + "node_status_changed, node_removed, resource_updated; got '" + wire + "'");
        }
    }
}
