package io.spear.next.sms.nodes;

import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.NodeUpdate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The fields to change (null: stays); metadata merges key by key, a key set to null is removed.
 * The REST API binds its JSON to it (schema UpdateNodeRequest).
 */
@Schema(
        name = "UpdateNodeRequest",
        description =
                "The fields to change; omitted fields stay. Metadata merges key by key; a key set to null is removed.",
        example = """
        {"status": "decommissioning", "metadata": {"drain": "true", "zone": null}}""")
public record UpdateNode(
        @Schema(maxLength = Limits.NAME) @Size(max = Limits.NAME)
        String name,

        @Schema(description = "an IPv4 or IPv6 address literal, or a DNS name (RFC 1123)") @HostAddress
        String ipAddress,

        @Schema(minimum = "1", maximum = "65535") @Min(1) @Max(65535)
        Integer port,

        @Schema(minimum = "1", maximum = "65535") @Min(1) @Max(65535)
        Integer httpPort,

        NodeStatus status,

        @Schema(implementation = MetadataChanges.class) @Size(max = Limits.MAP_ENTRIES)
        Map<@NotBlank @Size(max = Limits.MAP_KEY) String, @Size(max = Limits.MAP_VALUE) String> metadata) {

    /** The schema of the metadata in an update, where a value may be null (removes the key). */
    @Schema(
            description = "Keys to set, each to a string or to null (removes the key)",
            type = SchemaType.OBJECT,
            maxProperties = Limits.MAP_ENTRIES,
            additionalProperties = MetadataValueOrNull.class)
    interface MetadataChanges {}

    @Schema(type = SchemaType.STRING, nullable = true, maxLength = Limits.MAP_VALUE)
    interface MetadataValueOrNull {}

    NodeUpdate toUpdate() {
        return new NodeUpdate(name, ipAddress, port, httpPort, status, metadata);
    }
}
