package io.spear.next.sms.watch;

import io.spear.next.registry.RegistryEvent;
import java.util.concurrent.CompletionStage;

/**
 * One watcher's connection, as the {@link WatchHub} sees it: Server-Sent Events over REST, a
 * server stream over gRPC. Only the hub's dispatcher thread sends; {@link #close} may come from
 * another thread at shutdown.
 */
public interface WatchSink {

    /** Why the hub ended a watch. */
    enum Drop {
        /** The watcher left more than sms.watch.max-pending events unread: it may resume. */
        TOO_SLOW,
        /** The watcher's position left the kept log: it must list again. */
        FELL_BEHIND
    }

    boolean isClosed();

    /** Sends one event; the stage completes once the connection has taken it. */
    CompletionStage<?> send(RegistryEvent event);

    /** Tells the watcher why its watch ends, and ends it; {@code lastRevision} is its position. */
    void drop(Drop drop, String reason, long lastRevision);

    void close();
}
