package io.spear.next.sms.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.inject.Singleton;

/**
 * Once shutdown has begun, a new gRPC call is refused UNAVAILABLE here, as a new HTTP request gets
 * 503; calls in flight finish. It runs before Quarkus' security and request-context interceptors
 * and needs no CDI bean: a call that reaches those after the container has stopped is not answered
 * at all (Quarkus logs an uncaught "ArC container not initialized"), while the agent only needs to
 * hear that it should reconnect, to this instance once it is back or to another one.
 */
@GlobalInterceptor
@Singleton
public class RefuseWhenStopping implements ServerInterceptor, Prioritized {

    /** What a call hears when shutdown ends or refuses it: agents reconnect, here once it is back or elsewhere. */
    static final Status SHUTTING_DOWN = Status.UNAVAILABLE.withDescription("the server is shutting down: reconnect");

    /** Inside Quarkus' duplicated-context interceptor (Integer.MAX_VALUE - 5), outside its security one (- 100). */
    private static final int PRIORITY = Integer.MAX_VALUE - 10;

    private volatile boolean stopping;

    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        stopping = true;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        if (stopping) {
            call.close(SHUTTING_DOWN, new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
