package io.spear.next.registry;

import java.util.Map;

/**
 * A partial update: null fields stay as they are. {@code metadata} is merged key by key, and a key
 * given with a null value is removed (the JSON merge-patch rule).
 */
public record NodeUpdate(
        String name,
        String ipAddress,
        Integer port,
        Integer httpPort,
        NodeStatus status,
        Map<String, String> metadata) {}
