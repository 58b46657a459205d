package io.spear.next.sms.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.HeartbeatResponse;
import java.util.function.Function;

/**
 * One agent's heartbeat stream: each beat is stored and answered in order. The service is
 * {@code @Blocking}, so Quarkus hands this observer the stream's messages one at a time, in order,
 * on the worker pool. The stream reads at most {@link #WINDOW} beats ahead of the one being stored
 * (gRPC flow control holds the rest at the client), so a fast sender cannot fill memory. The first
 * failing beat ends the stream with its status; beats after it are not stored.
 */
final class HeartbeatStream implements StreamObserver<HeartbeatRequest> {

    static final int WINDOW = 32;

    private final ServerCallStreamObserver<HeartbeatResponse> responses;
    private final Function<HeartbeatRequest, HeartbeatResponse> beat;
    private final OpenStreams streams;
    private boolean ended; // guarded by this: the worker delivering the messages, a cancel, a shutdown

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
        synchronized (this) {
            if (ended) {
                return;
            }
        }
        HeartbeatResponse response;
        try {
            response = beat.apply(request);
        } catch (RuntimeException | Error e) {
            end(GrpcErrors.toStatus(e));
            return;
        }
        synchronized (this) {
            if (!ended) {
                responses.onNext(response);
                responses.request(1);
            }
        }
    }

    @Override
    public void onError(Throwable clientGone) {
        cancelled();
    }

    @Override
    public synchronized void onCompleted() {
        if (!ended) {
            ended = true;
            streams.ended(this);
            responses.onCompleted();
        }
    }

    /** Shutdown began: the agent reconnects, to this server once it is back or to another one. */
    void serverStopping() {
        end(Status.UNAVAILABLE.withDescription("the server is shutting down: reconnect").asRuntimeException());
    }

    private synchronized void end(StatusRuntimeException status) {
        if (!ended) {
            ended = true;
            streams.ended(this);
            responses.onError(status);
        }
    }

    private synchronized void cancelled() {
        ended = true;
        streams.ended(this);
    }
}
