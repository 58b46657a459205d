package io.spear.next.sms.grpc;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The heartbeat streams in progress, ended with UNAVAILABLE as soon as shutdown begins: a stream
 * never ends by itself and would otherwise hold the graceful shutdown for all of
 * quarkus.shutdown.timeout. Agents reconnect (to the next instance) and beat on.
 */
@ApplicationScoped
public class OpenStreams {

    private final Set<HeartbeatStream> streams = ConcurrentHashMap.newKeySet();

    void opened(HeartbeatStream stream) {
        streams.add(stream);
    }

    void ended(HeartbeatStream stream) {
        streams.remove(stream);
    }

    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        for (HeartbeatStream stream : streams) {
            stream.serverStopping();
        }
    }
}
