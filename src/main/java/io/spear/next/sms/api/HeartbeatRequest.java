package io.spear.next.sms.api;

import io.spear.next.sms.nodes.Heartbeat;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        description = "A heartbeat; both parts optional. An agent sends its health and its report in one beat. "
                + "health_info: up to 64 entries, keys not blank (up to 128 characters), values up to 1024.")
public record HeartbeatRequest(Map<String, String> healthInfo, ResourceReport resource) {

    Heartbeat toCommand() {
        return new Heartbeat(healthInfo, ResourceReport.toCommand(resource));
    }
}
