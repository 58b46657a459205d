package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.NodeUpdate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The fields to change; omitted fields stay. Metadata merges key by key; a key set to null is removed.",
        example = """
        {"status": "decommissioning", "metadata": {"drain": "true", "zone": null}}""")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateNodeRequest(
        @Size(max = Limits.NAME) String name,
        @IpLiteral String ipAddress,
        @Min(1) @Max(65535) Integer port,
        @Min(1) @Max(65535) Integer httpPort,
        NodeStatus status,
        @Schema(implementation = MetadataChanges.class)
        @Size(max = Limits.MAP_ENTRIES)
        Map<@NotBlank @Size(max = Limits.MAP_KEY) String, @Size(max = Limits.MAP_VALUE) String> metadata) {

    /** The schema of the metadata in an update, where a value may be null (removes the key). */
    @Schema(description = "Keys to set, each to a string or to null (removes the key)", type = SchemaType.OBJECT,
            maxProperties = Limits.MAP_ENTRIES, additionalProperties = MetadataValueOrNull.class)
    interface MetadataChanges {
    }

    @Schema(type = SchemaType.STRING, nullable = true, maxLength = Limits.MAP_VALUE)
    interface MetadataValueOrNull {
    }

    public NodeUpdate toUpdate() {
        return new NodeUpdate(name, ipAddress, port, httpPort, status, metadata);
    }
}
