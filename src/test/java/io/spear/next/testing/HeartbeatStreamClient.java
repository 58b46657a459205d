package io.spear.next.testing;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.HeartbeatResponse;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An agent's side of StreamHeartbeats: beats out, answers queued as they come, how the stream ended. */
public final class HeartbeatStreamClient {

    private final LinkedBlockingQueue<HeartbeatResponse> answers = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> ended = new CompletableFuture<>();
    private final StreamObserver<HeartbeatRequest> beats;

    private HeartbeatStreamClient(NodeServiceGrpc.NodeServiceStub stub) {
        beats = stub.streamHeartbeats(new StreamObserver<>() {
            @Override
            public void onNext(HeartbeatResponse response) {
                answers.add(response);
            }

            @Override
            public void onError(Throwable error) {
                ended.complete(Status.fromThrowable(error));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
    }

    public static HeartbeatStreamClient open(NodeServiceGrpc.NodeServiceStub stub) {
        return new HeartbeatStreamClient(stub);
    }

    /** Sends a beat without waiting for its answer. */
    public void send(HeartbeatRequest beat) {
        beats.onNext(beat);
    }

    /** The next answer; fails when none comes within 10 s. */
    public HeartbeatResponse answer() throws InterruptedException {
        HeartbeatResponse answer = answers.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer to a beat within 10 s");
        }
        return answer;
    }

    /** The next answer, or null once the stream has ended and every answer it brought was taken. */
    public HeartbeatResponse nextOrEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            HeartbeatResponse answer = answers.poll(100, TimeUnit.MILLISECONDS);
            if (answer != null) {
                return answer;
            }
            if (ended.isDone() && answers.isEmpty()) {
                return null;
            }
        }
        throw new AssertionError("the stream neither answered nor ended within 30 s");
    }

    /** Ends the agent's side of the stream. */
    public void close() {
        beats.onCompleted();
    }

    /** How the stream ended: OK when the server completed it, else its status. */
    public Status ended() throws Exception {
        return ended.get(30, TimeUnit.SECONDS);
    }
}
