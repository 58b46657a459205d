package io.spear.next.registry;

import java.util.Map;

/** A node listing: optional status, labels that must all match (metadata key=value), paging. */
public record NodeQuery(NodeStatus status, Map<String, String> labels, int limit, String pageToken) {

    public NodeQuery {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (limit < 1) {
            throw new InvalidFieldException("limit", "must be at least 1");
        }
    }
}
