package io.spear.next.sms.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spear.next.registry.RegistryEvent;
import io.spear.next.sms.watch.WatchSink;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A watch over Server-Sent Events: each change an event named for its type, with the revision as
 * its id (what Last-Event-ID resumes from); a dropped watch ends with a {@code watch_dropped} event.
 */
final class SseWatchSink implements WatchSink {

    static final String DROPPED = "watch_dropped";

    private final SseEventSink sink;
    private final Sse sse;
    private final ObjectMapper json;

    SseWatchSink(SseEventSink sink, Sse sse, ObjectMapper json) {
        this.sink = sink;
        this.sse = sse;
        this.json = json;
    }

    @Override
    public boolean isClosed() {
        return sink.isClosed();
    }

    @Override
    public CompletionStage<?> send(RegistryEvent event) {
        return sink.send(event(event.type().wireName(), encode(event))
                .id(Long.toString(event.revision()))
                .build());
    }

    @Override
    public void drop(Drop drop, String reason, long lastRevision) {
        sink.send(event(DROPPED, encode(Map.of("reason", reason, "last_revision", lastRevision)))
                        .build())
                .whenComplete((sent, error) -> sink.close());
    }

    @Override
    public void close() {
        sink.close();
    }

    private OutboundSseEvent.Builder event(String name, String data) {
        return sse.newEventBuilder()
                .name(name)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, data);
    }

    private String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }
}
