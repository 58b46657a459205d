package io.spear.next.sms.grpc;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.HeartbeatResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One agent's heartbeat stream. Each beat is queued for the registry's writer as it arrives, and
 * the answers go out in the order the beats came, each once its beat is durable: several beats of
 * a stream are written at once, and no thread waits for them. The stream reads at most {@link
 * #WINDOW} beats ahead of the last answer (gRPC flow control holds the rest at the client), so a
 * fast sender cannot fill memory. The first failing beat ends the stream with its status; nothing
 * after it is answered, and beats that arrive after its failure is known are not stored (those
 * already queued behind it may be: unanswered, the agent sends them again).
 */
final class HeartbeatStream implements StreamObserver<HeartbeatRequest> {

    static final int WINDOW = 32;

    private final ServerCallStreamObserver<HeartbeatResponse> responses;
    private final Function<HeartbeatRequest, CompletionStage<HeartbeatResponse>> beat;
    private final OpenStreams streams;
    /** Completes once every beat so far is answered; only the thread delivering the messages replaces it. */
    private CompletableFuture<Void> answered = CompletableFuture.completedFuture(null);

    private boolean ended; // guarded by this: the writers answering, a cancel, a shutdown

    HeartbeatStream(
            ServerCallStreamObserver<HeartbeatResponse> responses,
            Function<HeartbeatRequest, CompletionStage<HeartbeatResponse>> beat,
            OpenStreams streams) {
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
        CompletionStage<HeartbeatResponse> stored;
        try {
            stored = beat.apply(request);
        } catch (RuntimeException | Error e) {
            stored = CompletableFuture.failedFuture(e);
        }
        CompletionStage<HeartbeatResponse> outcome = stored;
        answered = answered.thenCompose(previous -> outcome.handle((response, error) -> {
            answer(response, error);
            return null;
        }));
    }

    private synchronized void answer(HeartbeatResponse response, Throwable error) {
        if (ended) {
            return;
        }
        if (error != null) {
            end(GrpcErrors.toStatus(error));
            return;
        }
        responses.onNext(response);
        responses.request(1);
    }

    @Override
    public void onError(Throwable clientGone) {
        cancelled();
    }

    /** The agent closed its side: the stream ends once the beats it sent are answered. */
    @Override
    public void onCompleted() {
        answered.thenRun(this::completed);
    }

    private synchronized void completed() {
        if (!ended) {
            ended = true;
            streams.ended(this);
            responses.onCompleted();
        }
    }

    /** The caller may not send beats: the stream ends with the check's status. */
    void refuse(Throwable refused) {
        end(GrpcErrors.toStatus(refused));
    }

    /** Shutdown began: the agent reconnects, to this server once it is back or to another one. */
    void serverStopping() {
        end(RefuseWhenStopping.SHUTTING_DOWN.asRuntimeException());
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
