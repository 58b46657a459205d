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
        @Size(max = Limits.MAP_ENTRIES)
        Map<@NotBlank @Size(max = Limits.MAP_KEY) String, @Size(max = Limits.MAP_VALUE) String> metadata) {

    public NodeUpdate toUpdate() {
        return new NodeUpdate(name, ipAddress, port, httpPort, status, metadata);
    }
}
