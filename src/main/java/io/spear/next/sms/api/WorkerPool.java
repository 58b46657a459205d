package io.spear.next.sms.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/**
 * How a route that answers with a {@code Uni} makes its blocking call (reads and the rare
 * changes): on Quarkus' worker pool, never on the Vert.x event loop that accepted the request,
 * which keeps the role check and the parsing of parameters. Heartbeats and reports block nothing:
 * they are queued for the registry's writer ({@link EventLoop}). Routes whose work is one long
 * blocking call or stream (admin, the SSE watch, Spear's {@code /health}) say {@code @Blocking}
 * instead, as the gRPC service's methods do. Making the pages and report listings {@code @Blocking}
 * too was measured: 10-20 % fewer sorted report listings and plain pages per second, so they hop
 * here.
 */
final class WorkerPool {

    private WorkerPool() {}

    static <T> Uni<T> call(Supplier<T> blockingCall) {
        return Uni.createFrom().item(blockingCall).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
