package io.spear.next.sms.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.spear.next.registry.RegistryEvent;
import io.spear.next.sms.watch.WatchSink;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A watch over a gRPC server stream. An event counts as taken once the transport is ready for
 * more (gRPC's flow control), so a client that stops reading fills its window and is then dropped
 * by the hub: RESOURCE_EXHAUSTED (resume from the last revision received) or OUT_OF_RANGE (list
 * again). At shutdown the stream ends with UNAVAILABLE: reconnect and resume.
 */
final class GrpcWatchSink implements WatchSink {

    private static final CompletableFuture<Void> TAKEN = CompletableFuture.completedFuture(null);

    private final ServerCallStreamObserver<io.spear.next.sms.grpc.v1.WatchEvent> stream;
    private final Queue<CompletableFuture<Void>> untaken = new ArrayDeque<>();
    private boolean ended;

    GrpcWatchSink(ServerCallStreamObserver<io.spear.next.sms.grpc.v1.WatchEvent> stream) {
        this.stream = stream;
        // both handlers must be set before the service method returns
        stream.setOnCancelHandler(this::cancelled);
        stream.setOnReadyHandler(this::ready);
    }

    @Override
    public synchronized boolean isClosed() {
        return ended;
    }

    @Override
    public synchronized CompletionStage<?> send(RegistryEvent event) {
        if (ended) {
            return TAKEN;
        }
        stream.onNext(ProtoForm.event(event));
        if (stream.isReady()) {
            return TAKEN;
        }
        CompletableFuture<Void> taken = new CompletableFuture<>();
        untaken.add(taken);
        return taken;
    }

    @Override
    public void drop(Drop drop, String reason, long lastRevision) {
        Status status = drop == Drop.TOO_SLOW ? Status.RESOURCE_EXHAUSTED : Status.OUT_OF_RANGE;
        fail(status.withDescription(reason + " (last revision sent: " + lastRevision + ")")
                .asRuntimeException());
    }

    @Override
    public void close() {
        fail(Status.UNAVAILABLE
                .withDescription(
                        "the server is shutting down: reconnect and resume from the last " + "revision received")
                .asRuntimeException());
    }

    synchronized void fail(StatusRuntimeException status) {
        if (!ended) {
            ended = true;
            stream.onError(status);
        }
    }

    private synchronized void cancelled() {
        ended = true;
        ready();
    }

    private synchronized void ready() {
        CompletableFuture<Void> taken;
        while ((taken = untaken.poll()) != null) {
            taken.complete(null);
        }
    }
}
