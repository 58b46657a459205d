package io.spear.next.sms.grpc;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.HeartbeatResponse;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One agent's heartbeat stream: each beat is stored on the worker pool, one at a time and in
 * order, and answered. The stream reads at most {@link #WINDOW} beats ahead of the one being
 * stored (gRPC flow control holds the rest at the client), so a fast sender cannot fill memory.
 * The first failing beat ends the stream with its status.
 */
final class HeartbeatStream implements StreamObserver<HeartbeatRequest> {

    static final int WINDOW = 32;

    private final ServerCallStreamObserver<HeartbeatResponse> responses;
    private final Function<HeartbeatRequest, HeartbeatResponse> beat;
    private final OpenStreams streams;
    private final Executor inOrder = MoreExecutors.newSequentialExecutor(Infrastructure.getDefaultWorkerPool());
    private volatile boolean ended; // written on the sequential executor, or by a cancel

    HeartbeatStream(ServerCallStreamObserver<HeartbeatResponse> responses,
            Function<HeartbeatRequest, HeartbeatResponse> beat, OpenStreams streams) {
        this.responses = responses;
        this.beat = beat;
        this.streams = streams;
        responses.disableAutoRequest();
        responses.setOnCancelHandler(this::cancelled);
        responses.request(WINDOW);
        streams.opened(this);
    }

    @Override
    public void onNext(HeartbeatRequest request) {
        inOrder.execute(() -> {
            if (ended) {
                return;
            }
            HeartbeatResponse response;
            try {
                response = beat.apply(request);
            } catch (RuntimeException | Error e) {
                end(GrpcErrors.toStatus(e));
                return;
            }
            responses.onNext(response);
            responses.request(1);
        });
    }

    @Override
    public void onError(Throwable clientGone) {
        cancelled();
    }

    @Override
    public void onCompleted() {
        inOrder.execute(() -> {
            if (!ended) {
                ended = true;
                streams.ended(this);
                responses.onCompleted();
            }
        });
    }

    /** Shutdown began: the agent reconnects, to this server once it is back or to another one. */
    void serverStopping() {
        inOrder.execute(() -> end(Status.UNAVAILABLE.withDescription("the server is shutting down: reconnect")
                .asRuntimeException()));
    }

    private void end(StatusRuntimeException status) {
        if (!ended) {
            ended = true;
            streams.ended(this);
            responses.onError(status);
        }
    }

    private void cancelled() {
        ended = true;
        streams.ended(this);
    }
}
