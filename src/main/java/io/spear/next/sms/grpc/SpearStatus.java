package io.spear.next.sms.grpc;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeStatus;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Spear's status words on gRPC: its agents, placement and web admin know {@code online}, {@code
 * offline} and {@code maintenance}, so {@code Node.status} carries those, and {@code Node.state}
 * this service's detailed state behind them. Requests take either vocabulary.
 */
final class SpearStatus {

    static final String ONLINE = "online";
    static final String OFFLINE = "offline";
    static final String MAINTENANCE = "maintenance";

    private SpearStatus() {}

    /** Spear's word for a state: offline covers both a node taken out (inactive) and a silent one. */
    static String word(NodeStatus status) {
        return switch (status) {
            case ACTIVE -> ONLINE;
            case INACTIVE, UNHEALTHY -> OFFLINE;
            case DECOMMISSIONING -> MAINTENANCE;
        };
    }

    /** The states a filter selects: empty for "" (any), all the states behind a Spear word, or one state. */
    static Set<NodeStatus> filter(String field, String text) {
        if (text.isEmpty()) {
            return Set.of();
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case OFFLINE -> EnumSet.of(NodeStatus.INACTIVE, NodeStatus.UNHEALTHY);
            default -> EnumSet.of(status(field, text));
        };
    }

    /** The state a status sets (null for ""): Spear's offline takes a node out, as inactive. */
    static NodeStatus status(String field, String text) {
        if (text.isEmpty()) {
            return null;
        }
        String word = text.toLowerCase(Locale.ROOT);
        return switch (word) {
            case ONLINE -> NodeStatus.ACTIVE;
            case OFFLINE -> NodeStatus.INACTIVE;
            case MAINTENANCE -> NodeStatus.DECOMMISSIONING;
            default -> {
                for (NodeStatus status : NodeStatus.values()) {
                    if (status.wireName().equals(word)) {
                        yield status;
                    }
                }
                throw new InvalidFieldException(
                        field,
                        "must be one of online, offline, maintenance (Spear's words) or " + NodeStatus.names()
                                + ", got '" + text + "'");
            }
        };
    }
}
