package io.spear.next.registry;

import java.util.Map;

/**
 * A registered compute node. Timestamps are Unix seconds. {@code revision} grows by one on every
 * change; {@code status_changed_at} is when the status last changed.
 */
public record Node(
        String uuid,
        String name,
        String ipAddress,
        int port,
        Integer httpPort,
        NodeStatus status,
        long lastHeartbeat,
        long registeredAt,
        long statusChangedAt,
        Map<String, String> metadata,
        Map<String, String> healthInfo,
        long revision)
        implements NodeFields {

    public Node {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        healthInfo = healthInfo == null ? Map.of() : Map.copyOf(healthInfo);
    }

    @Override
    public Node toNode() {
        return this;
    }
}
