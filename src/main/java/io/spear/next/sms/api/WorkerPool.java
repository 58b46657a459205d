package io.spear.next.sms.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/**
 * The one way resources call the registries: the blocking call runs on Quarkus' worker pool, never
 * on the Vert.x event loop that accepted the request.
 */
final class WorkerPool {

    private WorkerPool() {
    }

    static <T> Uni<T> call(Supplier<T> blockingCall) {
        return Uni.createFrom().item(blockingCall).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
