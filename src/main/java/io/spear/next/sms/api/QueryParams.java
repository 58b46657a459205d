package io.spear.next.sms.api;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.sms.nodes.Limits;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The query parameters the listings and the watch share: paging, labels and node uuids. */
final class QueryParams {

    private QueryParams() {}

    /** Parsed here, not by JAX-RS, which answers a malformed number with 404. */
    /** The {@code status} parameter as a filter: empty (any status) when absent or empty. */
    static Set<NodeStatus> statuses(String status) {
        return status == null || status.isEmpty() ? Set.of() : Set.of(NodeStatus.parse(status));
    }

    static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return Limits.DEFAULT_PAGE;
        }
        try {
            int parsed = Integer.parseInt(limit);
            if (parsed >= 1 && parsed <= Limits.MAX_PAGE) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidFieldException(
                "limit", "must be a whole number from 1 to " + Limits.MAX_PAGE + ", got '" + limit + "'");
    }

    /**
     * {@code node_uuid}, repeated or comma-separated, with the values of a former name of the same
     * parameter ({@code node_uuids} on /resources); the node service bounds how many.
     */
    static List<String> nodeUuids(List<String> values, List<String> formerValues) {
        List<String> uuids = Stream.concat(values.stream(), formerValues.stream())
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(uuid -> !uuid.isEmpty())
                .distinct()
                .toList();
        return uuids;
    }

    /** How the API describes {@code selector}, on every route that takes one. */
    static final String SELECTOR = "a Kubernetes label selector over the metadata, e.g. zone in (a,b),rack!=r1,gpu; "
            + "with label parameters, both must hold";

    /** {@code selector} (a label selector) and repeated {@code label=key=value} parameters: all must hold. */
    static LabelSelector selector(String selector, List<String> labels) {
        return LabelSelector.parse(selector, labels(labels));
    }

    /** Repeated {@code label=key=value} parameters, all of which must match. */
    static Map<String, String> labels(List<String> labels) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String label : labels == null ? List.<String>of() : labels) {
            int equals = label.indexOf('=');
            if (equals < 1) {
                throw new InvalidFieldException("label", "must be key=value, got '" + label + "'");
            }
            parsed.put(label.substring(0, equals), label.substring(equals + 1));
        }
        return parsed;
    }
}
