package io.spear.next.sms.grpc;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way the gRPC service calls the registries: the blocking call runs on Quarkus' worker
 * pool (never on the event loop that received it) and its result or error, mapped by
 * {@link GrpcErrors}, completes the call.
 */
final class GrpcCalls {

    private GrpcCalls() {
    }

    static <T> void unary(StreamObserver<T> response, Supplier<T> blockingCall) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            T result;
            try {
                result = blockingCall.get();
            } catch (RuntimeException | Error e) {
                response.onError(GrpcErrors.toStatus(e));
                return;
            }
            response.onNext(result);
            response.onCompleted();
        });
    }

    /** Starts a streaming call with a blocking step; its error, mapped, goes to {@code failed}. */
    static void start(Consumer<StatusRuntimeException> failed, Runnable blockingStart) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                blockingStart.run();
            } catch (RuntimeException | Error e) {
                failed.accept(GrpcErrors.toStatus(e));
            }
        });
    }
}
