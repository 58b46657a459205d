package io.spear.next.registry.query;

import io.spear.next.registry.InvalidFieldException;
import java.util.List;

/**
 * A resource listing: optionally only some nodes, only high-load ones, only nodes whose labels the
 * selector selects, only reports the filter passes (every condition given holds); paging in uuid
 * order, or, with an {@code order}, the first {@code limit} reports in that order.
 */
public record ResourceQuery(
        List<String> nodeUuids,
        boolean highLoadOnly,
        LabelSelector selector,
        ReportFilter filter,
        ReportOrder order,
        int limit,
        String pageToken) {

    public ResourceQuery {
        nodeUuids = nodeUuids == null ? List.of() : List.copyOf(nodeUuids);
        selector = selector == null ? LabelSelector.EVERYTHING : selector;
        filter = filter == null ? ReportFilter.EVERYTHING : filter;
        if (limit < 1) {
            throw new InvalidFieldException("limit", "must be at least 1");
        }
    }

    /** A query without a report filter, in uuid order. */
    public ResourceQuery(
            List<String> nodeUuids, boolean highLoadOnly, LabelSelector selector, int limit, String pageToken) {
        this(nodeUuids, highLoadOnly, selector, null, null, limit, pageToken);
    }

    public ResourceQuery unsorted(int pageLimit, String token) {
        return new ResourceQuery(nodeUuids, highLoadOnly, selector, filter, null, pageLimit, token);
    }
}
