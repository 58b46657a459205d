package io.spear.next.registry;

import java.util.List;

/** A resource listing: optionally only some nodes, optionally only high-load ones, paging. */
public record ResourceQuery(List<String> nodeUuids, boolean highLoadOnly, int limit, String pageToken) {

    public ResourceQuery {
        nodeUuids = nodeUuids == null ? List.of() : List.copyOf(nodeUuids);
        if (limit < 1) {
            throw new InvalidFieldException("limit", "must be at least 1");
        }
    }
}
