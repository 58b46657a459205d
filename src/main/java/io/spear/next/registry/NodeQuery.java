package io.spear.next.registry;

/** A node listing: optional status, a label selector (empty: any labels), paging. */
public record NodeQuery(NodeStatus status, LabelSelector selector, int limit, String pageToken) {

    public NodeQuery {
        selector = selector == null ? LabelSelector.EVERYTHING : selector;
        if (limit < 1) {
            throw new InvalidFieldException("limit", "must be at least 1");
        }
    }
}
