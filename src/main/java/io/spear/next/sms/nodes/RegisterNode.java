package io.spear.next.sms.nodes;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeRegistration;
import io.spear.next.registry.NodeRegistry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A node registering itself; a null uuid asks the server for one. Checked by bean validation; the
 * REST API binds its JSON to it (its schema keeps the API's name, RegisterNodeRequest).
 */
@Schema(name = "RegisterNodeRequest", description = "A node registering itself", example = """
        {"uuid": "123e4567-e89b-42d3-a456-426614174000", "name": "worker-1", "ip_address": "10.0.0.7",
         "port": 7000, "http_port": 8080, "metadata": {"zone": "eu-1", "gpu": "a100"}}""")
public record RegisterNode(
        @Schema(description = "The node's own stable UUID; omitted: the server makes a v4 UUID")
        String uuid,

        @Schema(maxLength = Limits.NAME) @Size(max = Limits.NAME)
        String name,

        @Schema(required = true, description = "an IPv4 or IPv6 address literal, or a DNS name (RFC 1123)")
        @NotNull
        @HostAddress
        String ipAddress,

        @Schema(required = true, minimum = "1", maximum = "65535") @NotNull @Min(1) @Max(65535)
        Integer port,

        @Schema(minimum = "1", maximum = "65535") @Min(1) @Max(65535)
        Integer httpPort,

        @Schema(
                maxProperties = Limits.MAP_ENTRIES,
                description =
                        "keys not blank, up to " + Limits.MAP_KEY + " characters; values up to " + Limits.MAP_VALUE)
        @Size(max = Limits.MAP_ENTRIES)
        Map<@NotBlank @Size(max = Limits.MAP_KEY) String, @NotNull @Size(max = Limits.MAP_VALUE) String> metadata) {

    /** This registration for the node at {@code pathUuid}; one whose body names another is refused. */
    public RegisterNode forPath(String pathUuid) {
        String canonical = NodeRegistry.canonicalUuid(pathUuid);
        if (uuid != null && !uuid.equalsIgnoreCase(canonical)) {
            throw new InvalidFieldException(
                    "uuid", "must be absent or the path's uuid " + canonical + ", got '" + uuid + "'");
        }
        return new RegisterNode(canonical, name, ipAddress, port, httpPort, metadata);
    }

    NodeRegistration toRegistration() {
        return new NodeRegistration(uuid, name, ipAddress, port, httpPort, metadata);
    }
}
