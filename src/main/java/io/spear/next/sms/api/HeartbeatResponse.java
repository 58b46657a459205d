package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.spear.next.registry.NodeStatus;

/** What a node learns from its heartbeat: the server's clock (Unix seconds) and its own status. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HeartbeatResponse(long serverTimestamp, NodeStatus status, long revision) {
}
