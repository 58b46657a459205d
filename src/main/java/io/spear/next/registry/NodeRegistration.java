package io.spear.next.registry;

import java.util.Map;

/** What a node registers with; {@code uuid} null means "make me one". */
public record NodeRegistration(
        String uuid, String name, String ipAddress, int port, Integer httpPort, Map<String, String> metadata) {}
