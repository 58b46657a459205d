package io.spear.next.sms.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spear.next.registry.NodeFields;
import io.spear.next.registry.Page;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A page of nodes as JSON ({@link NodeList}'s shape), written field by field from the records the
 * registry read, with the application's JSON generator: no {@code Node} objects, no databind on the
 * path every scheduler polls. The bytes are what Jackson writes for the same {@link NodeList}
 * (NodePageJsonTest compares both on every fixture); a field added to {@code Node} is added here.
 */
@Singleton
public class NodePageJson {

    private final ObjectMapper mapper;

    NodePageJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The page as one JSON body. */
    public byte[] write(Page<NodeFields> page) {
        ByteArrayBuilder out = new ByteArrayBuilder(page.items().size() * 320 + 64);
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("nodes");
            for (NodeFields node : page.items()) {
                node(json, node);
            }
            json.writeEndArray();
            json.writeStringField("next_page_token", page.nextPageToken());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: cannot happen
        }
        return out.toByteArray();
    }

    private static void node(JsonGenerator json, NodeFields node) throws IOException {
        json.writeStartObject();
        json.writeStringField("uuid", node.uuid());
        json.writeStringField("name", node.name());
        json.writeStringField("ip_address", node.ipAddress());
        json.writeNumberField("port", node.port());
        json.writeFieldName("http_port");
        if (node.httpPort() == null) {
            json.writeNull();
        } else {
            json.writeNumber(node.httpPort().intValue());
        }
        json.writeStringField("status", node.status().wireName());
        json.writeNumberField("last_heartbeat", node.lastHeartbeat());
        json.writeNumberField("registered_at", node.registeredAt());
        json.writeNumberField("status_changed_at", node.statusChangedAt());
        map(json, "metadata", node.metadata());
        map(json, "health_info", node.healthInfo());
        json.writeNumberField("revision", node.revision());
        json.writeEndObject();
    }

    private static void map(JsonGenerator json, String name, Map<String, String> map) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : NodeFields.inKeyOrder(map).entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }
}
