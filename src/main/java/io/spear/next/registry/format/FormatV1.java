package io.spear.next.registry.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.spear.next.registry.Node;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.RegistryEvent;
import io.spear.next.registry.stored.StoredEvent;
import io.spear.next.registry.stored.StoredLiveness;
import io.spear.next.registry.stored.StoredNode;
import java.io.IOException;

/**
 * Reads format 1, the JSON records of the first releases ({@code node:} held the heartbeat too,
 * and there was no {@code beat:} record), into the current messages. Only an upgrade and an import
 * of an old export use it. A format-1 value is a JSON object, so its first byte is '{'; a current
 * record never starts with that byte (0x7B would be a group start of field 15, which protobuf 3
 * never writes).
 */
final class FormatV1 {

    static final int VERSION = 1;
    /**
     * The JSON names format 1 was written with, frozen here (the API's may change on their own):
     * snake case, a number starting a word ({@code load_average_1m}), enums in lower case.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .propertyNamingStrategy(new PropertyNamingStrategies.NamingBase() {
                @Override
                public String translate(String name) {
                    return name.replaceAll("([a-z])([A-Z0-9])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
                }
            })
            .build();

    private FormatV1() {}

    static boolean isV1(byte[] value) {
        return value.length > 0 && value[0] == '{';
    }

    /** The node in a format-1 record; its uuid or status may be missing in a damaged one. */
    static Node node(byte[] json) {
        return read(json, Node.class);
    }

    /** The node's record: all but its heartbeat, with the revision it had. */
    static StoredNode record(Node node) {
        StoredNode.Builder record = StoredNode.newBuilder()
                .setUuid(node.uuid())
                .setIpAddress(node.ipAddress() == null ? "" : node.ipAddress())
                .setPort(node.port())
                .setStatus(StoredForm.status(node.status()))
                .setRegisteredAt(node.registeredAt())
                .setStatusChangedAt(node.statusChangedAt())
                .putAllMetadata(node.metadata())
                .setRevision(node.revision());
        if (node.name() != null) {
            record.setName(node.name());
        }
        if (node.httpPort() != null) {
            record.setHttpPort(node.httpPort());
        }
        return record.build();
    }

    /** The node's heartbeat; it counts no beats of its own, so the API revision stays what it was. */
    static StoredLiveness liveness(Node node) {
        return StoredLiveness.newBuilder()
                .setLastHeartbeat(node.lastHeartbeat())
                .putAllHealthInfo(node.healthInfo())
                .build();
    }

    public static NodeResource report(byte[] json) {
        return read(json, NodeResource.class);
    }

    static StoredEvent event(byte[] json) {
        RegistryEvent event = read(json, RegistryEvent.class);
        StoredEvent.Builder stored = StoredEvent.newBuilder()
                .setRevision(event.revision())
                .setType(StoredForm.type(event.type()))
                .setNodeUuid(event.nodeUuid())
                .setAt(event.at());
        if (event.node() != null) {
            stored.setNode(record(event.node())).setLiveness(liveness(event.node()));
        }
        if (event.resource() != null) {
            stored.setResource(StoredForm.report(
                    event.resource(),
                    event.resource().nodeUuid(),
                    event.resource().updatedAt()));
        }
        if (event.oldStatus() != null) {
            stored.setOldStatus(StoredForm.status(event.oldStatus()));
        }
        if (event.newStatus() != null) {
            stored.setNewStatus(StoredForm.status(event.newStatus()));
        }
        return stored.build();
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a format-1 " + type.getSimpleName() + " record: " + e.getMessage());
        }
    }
}
