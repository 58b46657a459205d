package io.spear.next.registry;

import java.util.List;

/**
 * A resource listing: optionally only some nodes, only high-load ones, only nodes whose labels the
 * selector selects (all that are given must hold); paging.
 */
public record ResourceQuery(List<String> nodeUuids, boolean highLoadOnly, LabelSelector selector, int limit,
        String pageToken) {

    public ResourceQuery {
        nodeUuids = nodeUuids == null ? List.of() : List.copyOf(nodeUuids);
        selector = selector == null ? LabelSelector.EVERYTHING : selector;
        if (limit < 1) {
            throw new InvalidFieldException("limit", "must be at least 1");
        }
    }
}
