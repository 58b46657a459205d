package io.spear.next.sms.nodes;

import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.NodeUpdate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** The fields to change (null: stays); metadata merges key by key, a key set to null is removed. */
public record UpdateNode(
        @Size(max = Limits.NAME) String name,
        @HostAddress String ipAddress,
        @Min(1) @Max(65535) Integer port,
        @Min(1) @Max(65535) Integer httpPort,
        NodeStatus status,

        @Size(max = Limits.MAP_ENTRIES)
        Map<@NotBlank @Size(max = Limits.MAP_KEY) String, @Size(max = Limits.MAP_VALUE) String> metadata) {

    NodeUpdate toUpdate() {
        return new NodeUpdate(name, ipAddress, port, httpPort, status, metadata);
    }
}
