package io.spear.next.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.spear.next.reliability.MalformedGrpcRequests.BadCall;
import io.spear.next.sms.grpc.v1.GetNodeResourceRequest;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.Node;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.sms.grpc.v1.RegisterNodeRequest;
import io.spear.next.sms.grpc.v1.RegisterNodeResponse;
import io.spear.next.testing.GrpcChannels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC corpus: every request refused with a status that says what was wrong (never OK, never
 * INTERNAL or UNKNOWN), nothing of it stored (the store's export byte for byte the same), and a
 * stream that turns to garbage ends there.
 */
@QuarkusTest
@TestProfile(QuietSweeperProfile.class)
class MalformedGrpcRequestsTest {

    /** What a well-formed request with a field at fault may be answered. */
    private static final Set<Status.Code> REFUSALS = Set.of(
            Status.Code.INVALID_ARGUMENT,
            Status.Code.NOT_FOUND,
            Status.Code.FAILED_PRECONDITION,
            Status.Code.OUT_OF_RANGE,
            Status.Code.RESOURCE_EXHAUSTED);

    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    ManagedChannel channel;
    NodeServiceGrpc.NodeServiceBlockingStub client;

    @BeforeEach
    void connect() {
        channel = GrpcChannels.toTestServer();
        client = NodeServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        GrpcChannels.close(channel);
    }

    @Test
    void everyMalformedRequestIsRefusedAsTheClientsMistakeAndChangesNothing() throws IOException {
        Node registered = register("corpus");
        List<BadCall> corpus = MalformedGrpcRequests.corpus(registered.getUuid(), registered.getRevision());
        assertTrue(corpus.size() >= 1000, "the corpus has " + corpus.size() + " cases");
        assertTrue(corpus.stream().filter(bad -> !bad.wellFormed()).count() >= 300, "bytes that are no message");

        byte[] before = export();
        List<String> failures = new ArrayList<>();
        for (BadCall bad : corpus) {
            Status answer = call(bad);
            boolean refused = bad.wellFormed()
                    ? REFUSALS.contains(answer.getCode())
                    : answer.getCode() == Status.Code.INVALID_ARGUMENT
                            || answer.getCode() == Status.Code.RESOURCE_EXHAUSTED; // over 4 MiB: grpc-java's own
            if (!refused
                    || answer.getDescription() == null
                    || answer.getDescription().isBlank()) {
                failures.add(bad + ": " + answer.getCode() + " " + abbreviate(answer.getDescription()));
            }
        }
        java.nio.file.Files.write(
                java.nio.file.Path.of("target", getClass().getSimpleName() + "-failures.txt"), failures);
        assertEquals(List.of(), failures, failures.size() + " of " + corpus.size() + " cases");
        assertArrayEquals(before, export(), "the store changed");
    }

    @Test
    void aStreamThatTurnsToGarbageEndsThereAndStoresNothingAfter() throws Exception {
        Node agent = register("stream-agent");
        Node other = register("stream-other");
        MethodDescriptor<byte[], byte[]> stream = raw(NodeServiceGrpc.getStreamHeartbeatsMethod());
        CompletableFuture<Status> ended = new CompletableFuture<>();
        List<byte[]> answers = new ArrayList<>();
        StreamObserver<byte[]> beats = ClientCalls.asyncBidiStreamingCall(
                channel.newCall(stream, CallOptions.DEFAULT), new StreamObserver<>() {
                    @Override
                    public void onNext(byte[] answer) {
                        answers.add(answer);
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
        for (int i = 1; i <= 3; i++) {
            beats.onNext(beat(agent.getUuid(), 10 * i).toByteArray());
        }
        beats.onNext(new byte[] {0x0A, 0x7F, 'a'}); // a uuid whose length runs past the end
        beats.onNext(beat(other.getUuid(), 40).toByteArray());
        beats.onCompleted();

        Status end = ended.get(10, TimeUnit.SECONDS);
        assertEquals(Status.Code.INVALID_ARGUMENT, end.getCode(), end.toString());
        assertTrue(end.getDescription().contains("StreamHeartbeats"), end.getDescription());
        // a beat of the other node through the server's writer: written after anything queued for it before
        client.heartbeat(HeartbeatRequest.newBuilder().setUuid(other.getUuid()).build());
        assertEquals(
                5.0,
                client.getNodeResource(GetNodeResourceRequest.newBuilder()
                                .setNodeUuid(other.getUuid())
                                .build())
                        .getResource()
                        .getCpuUsagePercent(),
                "the report registration left, not the beat's after the garbage");
    }

    private Node register(String name) {
        RegisterNodeResponse response = client.registerNode(RegisterNodeRequest.newBuilder()
                .setNode(
                        Node.newBuilder().setName(name).setIpAddress("10.0.0.1").setPort(7000))
                .build());
        client.heartbeat(beat(response.getNodeUuid(), 5));
        return response.getNode();
    }

    private static HeartbeatRequest beat(String uuid, double cpu) {
        return HeartbeatRequest.newBuilder()
                .setUuid(uuid)
                .setResource(MalformedGrpcRequests.report(uuid).toBuilder().setCpuUsagePercent(cpu))
                .build();
    }

    /** The status a call of these bytes ends with (OK if it was answered). */
    private Status call(BadCall bad) {
        MethodDescriptor<byte[], byte[]> method = raw(bad.method());
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
        try {
            if (method.getType() == MethodDescriptor.MethodType.SERVER_STREAMING) {
                Iterator<byte[]> events = ClientCalls.blockingServerStreamingCall(channel, method, options, bad.body());
                events.hasNext();
            } else {
                ClientCalls.blockingUnaryCall(channel, method, options, bad.body());
            }
            return Status.OK;
        } catch (StatusRuntimeException refused) {
            return refused.getStatus();
        }
    }

    private static <Q, A> MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<Q, A> method) {
        return method.toBuilder(RAW, RAW).build();
    }

    private static byte[] export() {
        return given().get("/api/v1/admin/export")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
