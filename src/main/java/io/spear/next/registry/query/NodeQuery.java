package io.spear.next.registry.query;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A node listing: the statuses wanted (empty: any; kept in {@link NodeStatus} order, so that a
 * page token names the same first index every time), a label selector (empty: any labels), paging.
 */
public record NodeQuery(Set<NodeStatus> statuses, LabelSelector selector, int limit, String pageToken) {

    public NodeQuery {
        statuses = statuses == null || statuses.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(statuses));
        selector = selector == null ? LabelSelector.EVERYTHING : selector;
        if (limit < 1) {
            throw new InvalidFieldException("limit", "must be at least 1");
        }
    }

    public boolean wants(NodeStatus status) {
        return statuses.isEmpty() || statuses.contains(status);
    }
}
