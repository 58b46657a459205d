package io.spear.next.sms.nodes;

import io.spear.next.registry.NodeRegistration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A node registering itself; a null uuid asks the server for one. Checked by bean validation. */
public record RegisterNode(
        String uuid,
        @Size(max = Limits.NAME) String name,
        @NotNull @HostAddress String ipAddress,
        @NotNull @Min(1) @Max(65535) Integer port,
        @Min(1) @Max(65535) Integer httpPort,

        @Size(max = Limits.MAP_ENTRIES)
        Map<@NotBlank @Size(max = Limits.MAP_KEY) String, @NotNull @Size(max = Limits.MAP_VALUE) String> metadata) {

    NodeRegistration toRegistration() {
        return new NodeRegistration(uuid, name, ipAddress, port, httpPort, metadata);
    }
}
