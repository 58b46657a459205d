package io.spear.next.sms.grpc;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeStatus;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Spear's status words on gRPC: its agents, placement and web admin know {@code online}, {@code
 * offline} and {@code maintenance}, so {@code Node.status} carries those, and {@code Node.state}
 * this service's detailed state behind them. Requests take either vocabulary; an UpdateNode
 * that says {@code offline} of a node that is already offline (inactive or unhealthy) leaves it so.
 */
final class SpearStatus {

    private static final String ONLINE = "online";
    private static final String OFFLINE = "offline";
    private static final String MAINTENANCE = "maintenance";

    private SpearStatus() {}

    /** Spear's word for a state: offline covers both a node taken out (inactive) and a silent one. */
    static String word(NodeStatus status) {
        return switch (status) {
            case ACTIVE -> ONLINE;
            case INACTIVE, UNHEALTHY -> OFFLINE;
            case DECOMMISSIONING -> MAINTENANCE;
        };
    }

    /**
     * The states a status names: empty for "" (any, or as it is), the states behind a Spear word
     * ({@code offline}: inactive or unhealthy), or one state by this service's name.
     */
    static Set<NodeStatus> filter(String field, String text) {
        if (text.isEmpty()) {
            return Set.of();
        }
        String word = text.toLowerCase(Locale.ROOT);
        return switch (word) {
            case ONLINE -> EnumSet.of(NodeStatus.ACTIVE);
            case OFFLINE -> EnumSet.of(NodeStatus.INACTIVE, NodeStatus.UNHEALTHY);
            case MAINTENANCE -> EnumSet.of(NodeStatus.DECOMMISSIONING);
            default ->
                NodeStatus.fromWireName(word)
                        .map(EnumSet::of)
                        .orElseThrow(() -> new InvalidFieldException(
                                field,
                                "must be one of online, offline, maintenance (Spear's words) or " + NodeStatus.names()
                                        + ", got '" + text + "'"));
        };
    }
}
