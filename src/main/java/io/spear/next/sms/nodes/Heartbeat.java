package io.spear.next.sms.nodes;

import io.spear.next.registry.NodeResource;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A heartbeat: both parts optional (null). An agent sends its health and its report in one beat.
 * The REST API binds its JSON to it (schema HeartbeatRequest).
 */
@Schema(
        name = "HeartbeatRequest",
        description = "A heartbeat; both parts optional. An agent sends its health and its report in one beat. "
                + "health_info: up to 64 entries, keys not blank (up to 128 characters), values up to 1024.")
public record Heartbeat(Map<String, String> healthInfo, Report resource) {

    public static final Heartbeat BARE = new Heartbeat(null, null);

    /** The report for the registry (null when the beat carries none), after every check of the beat. */
    NodeResource checkedReport() {
        FieldChecks checks = new FieldChecks();
        checks.labels("health_info", healthInfo);
        if (resource != null) {
            resource.check(checks.at("resource."));
        }
        checks.throwIfAny();
        return resource == null ? null : resource.toNodeResource("resource.");
    }
}
