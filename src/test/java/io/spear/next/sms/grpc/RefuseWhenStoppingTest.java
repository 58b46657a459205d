package io.spear.next.sms.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.HeartbeatResponse;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** New calls reach the service until shutdown begins; from then on they are answered UNAVAILABLE, unseen by it. */
class RefuseWhenStoppingTest {

    private final AtomicInteger started = new AtomicInteger();
    private final ServerCallHandler<HeartbeatRequest, HeartbeatResponse> service = (call, headers) -> {
        started.incrementAndGet();
        return new ServerCall.Listener<>() {};
    };

    @Test
    void callsPassUntilShutdownBeginsThenAreRefusedUnavailable() {
        RefuseWhenStopping refusal = new RefuseWhenStopping();
        RecordingCall before = new RecordingCall();
        refusal.interceptCall(before, new Metadata(), service);
        assertEquals(1, started.get());
        assertNull(before.closed);

        refusal.onShutdown(new ShutdownDelayInitiatedEvent());
        RecordingCall after = new RecordingCall();
        refusal.interceptCall(after, new Metadata(), service);
        assertEquals(1, started.get());
        assertEquals(Status.Code.UNAVAILABLE, after.closed.getCode());
        assertEquals("the server is shutting down: reconnect", after.closed.getDescription());
    }

    private static final class RecordingCall extends ServerCall<HeartbeatRequest, HeartbeatResponse> {
        Status closed;

        @Override
        public void close(Status status, Metadata trailers) {
            closed = status;
        }

        @Override
        public MethodDescriptor<HeartbeatRequest, HeartbeatResponse> getMethodDescriptor() {
            return NodeServiceGrpc.getHeartbeatMethod();
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void sendHeaders(Metadata headers) {}

        @Override
        public void sendMessage(HeartbeatResponse message) {}

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
