package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.spear.next.registry.NodeRegistration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A node registering itself", example = """
        {"uuid": "123e4567-e89b-42d3-a456-426614174000", "name": "worker-1", "ip_address": "10.0.0.7",
         "port": 7000, "http_port": 8080, "metadata": {"zone": "eu-1", "gpu": "a100"}}""")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegisterNodeRequest(
        @Schema(description = "The node's own stable UUID; omitted: the server makes a v4 UUID") String uuid,
        @Size(max = Limits.NAME) String name,
        @NotNull @IpLiteral String ipAddress,
        @NotNull @Min(1) @Max(65535) Integer port,
        @Min(1) @Max(65535) Integer httpPort,
        @Size(max = Limits.MAP_ENTRIES)
        Map<@NotBlank @Size(max = Limits.MAP_KEY) String, @NotNull @Size(max = Limits.MAP_VALUE) String> metadata) {

    public NodeRegistration toRegistration() {
        return new NodeRegistration(uuid, name, ipAddress, port, httpPort, metadata);
    }
}
