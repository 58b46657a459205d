package io.spear.next.sms.api;

import io.spear.next.registry.NodeStatus;
import io.spear.next.sms.nodes.Limits;
import io.spear.next.sms.nodes.UpdateNode;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of an update; the node service checks the command it becomes ({@link UpdateNode}). */
@Schema(
        description =
                "The fields to change; omitted fields stay. Metadata merges key by key; a key set to null is removed.",
        example = """
        {"status": "decommissioning", "metadata": {"drain": "true", "zone": null}}""")
public record UpdateNodeRequest(
        @Schema(maxLength = Limits.NAME) String name,

        @Schema(description = "an IPv4 or IPv6 address literal, or a DNS name (RFC 1123)")
        String ipAddress,

        @Schema(minimum = "1", maximum = "65535") Integer port,
        @Schema(minimum = "1", maximum = "65535") Integer httpPort,
        NodeStatus status,
        @Schema(implementation = MetadataChanges.class) Map<String, String> metadata) {

    /** The schema of the metadata in an update, where a value may be null (removes the key). */
    @Schema(
            description = "Keys to set, each to a string or to null (removes the key)",
            type = SchemaType.OBJECT,
            maxProperties = Limits.MAP_ENTRIES,
            additionalProperties = MetadataValueOrNull.class)
    interface MetadataChanges {}

    @Schema(type = SchemaType.STRING, nullable = true, maxLength = Limits.MAP_VALUE)
    interface MetadataValueOrNull {}

    UpdateNode toCommand() {
        return new UpdateNode(name, ipAddress, port, httpPort, status, metadata);
    }
}
