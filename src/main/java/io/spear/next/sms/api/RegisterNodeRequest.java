package io.spear.next.sms.api;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.sms.nodes.Limits;
import io.spear.next.sms.nodes.RegisterNode;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of a registration; the node service checks the command it becomes ({@link RegisterNode}). */
@Schema(description = "A node registering itself", example = """
        {"uuid": "123e4567-e89b-42d3-a456-426614174000", "name": "worker-1", "ip_address": "10.0.0.7",
         "port": 7000, "http_port": 8080, "metadata": {"zone": "eu-1", "gpu": "a100"}}""")
public record RegisterNodeRequest(
        @Schema(description = "The node's own stable UUID; omitted: the server makes a v4 UUID")
        String uuid,

        @Schema(maxLength = Limits.NAME) String name,

        @Schema(required = true, description = "an IPv4 or IPv6 address literal, or a DNS name (RFC 1123)")
        String ipAddress,

        @Schema(required = true, minimum = "1", maximum = "65535")
        Integer port,

        @Schema(minimum = "1", maximum = "65535") Integer httpPort,

        @Schema(
                maxProperties = Limits.MAP_ENTRIES,
                description =
                        "keys not blank, up to " + Limits.MAP_KEY + " characters; values up to " + Limits.MAP_VALUE)
        Map<String, String> metadata) {

    RegisterNode toCommand() {
        return new RegisterNode(uuid, name, ipAddress, port, httpPort, metadata);
    }

    /** The registration of the node at {@code pathUuid}; a body that names another is refused. */
    RegisterNode toCommand(String pathUuid) {
        String canonical = NodeRegistry.canonicalUuid(pathUuid);
        if (uuid != null && !uuid.equalsIgnoreCase(canonical)) {
            throw new InvalidFieldException(
                    "uuid", "must be absent or the path's uuid " + canonical + ", got '" + uuid + "'");
        }
        return new RegisterNode(canonical, name, ipAddress, port, httpPort, metadata);
    }
}
