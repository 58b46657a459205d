package io.spear.next.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A node's lifecycle state, written in lower case on the wire and in the store. */
public enum NodeStatus {
    ACTIVE,
    INACTIVE,
    UNHEALTHY,
    DECOMMISSIONING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; unknown names list the valid ones. */
    public static NodeStatus parse(String name) {
        return fromWireName(name)
                .orElseThrow(() ->
                        new InvalidFieldException("status", "must be one of " + names() + ", got '" + name + "'"));
    }

    /** The status of this wire name, if it is one. */
    public static Optional<NodeStatus> fromWireName(String name) {
        for (NodeStatus status : values()) {
            if (status.wireName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    public static String names() {
        return Arrays.stream(values()).map(NodeStatus::wireName).collect(Collectors.joining(", "));
    }
}
