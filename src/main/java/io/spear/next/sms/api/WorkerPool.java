package io.spear.next.sms.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/**
 * The one way resources make a blocking call (reads and the rare changes): it runs on Quarkus'
 * worker pool, never on the Vert.x event loop that accepted the request. Heartbeats and reports
 * block nothing: they are queued for the registry's writer ({@link EventLoop}).
 */
final class WorkerPool {

    private WorkerPool() {}

    static <T> Uni<T> call(Supplier<T> blockingCall) {
        return Uni.createFrom().item(blockingCall).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
