package io.spear.next.sms.api;

import io.spear.next.registry.NodeStatus;

/** What a node learns from its heartbeat: the server's clock (Unix seconds) and its own status. */
public record HeartbeatResponse(long serverTimestamp, NodeStatus status, long revision) {}
