package io.spear.next.sms.grpc;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The ways the gRPC service answers a call: the node service's result, or its error mapped by
 * {@link GrpcErrors}. Most of the service's methods are {@code @Blocking}: Quarkus runs them (and
 * the role check before them) on its worker pool, never on the event loop that received the call;
 * the agents' writes ({@link AgentWrites}) stay on the event loop and are answered {@link #later}.
 */
final class GrpcCalls {

    private GrpcCalls() {}

    static <T> void unary(StreamObserver<T> response, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            response.onError(GrpcErrors.toStatus(e));
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    /**
     * Answers once the stage {@code call} returns completes (on the registry's writer): the calling
     * thread is free at once. A call that throws instead is answered with its error.
     */
    static <T> void later(StreamObserver<T> response, Supplier<CompletionStage<T>> call) {
        CompletionStage<T> result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((value, error) -> {
            if (error != null) {
                response.onError(GrpcErrors.toStatus(error));
            } else {
                response.onNext(value);
                response.onCompleted();
            }
        });
    }

    /** Starts a streaming call; an error of the start, mapped, goes to {@code failed}. */
    static void start(Consumer<StatusRuntimeException> failed, Runnable start) {
        try {
            start.run();
        } catch (RuntimeException | Error e) {
            failed.accept(GrpcErrors.toStatus(e));
        }
    }
}
