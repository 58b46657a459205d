package io.spear.next.sms.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.spear.next.sms.api.WatchResourceTest;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.Node;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.sms.grpc.v1.RegisterNodeRequest;
import io.spear.next.sms.grpc.v1.UpdateNodeRequest;
import io.spear.next.sms.grpc.v1.WatchEvent;
import io.spear.next.sms.grpc.v1.WatchRequest;
import io.spear.next.testing.GrpcChannels;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watch's two ends over gRPC, with the SSE test's short log (200 events) and 20 unread events allowed. */
@QuarkusTest
@TestProfile(WatchResourceTest.SmallLog.class)
class GrpcWatchTest {

    private ManagedChannel channel;
    private NodeServiceGrpc.NodeServiceBlockingStub client;

    @BeforeEach
    void connect() {
        channel = GrpcChannels.toTestServer();
        client = NodeServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        GrpcChannels.close(channel);
    }

    private String register(String name) {
        return client.registerNode(RegisterNodeRequest.newBuilder()
                        .setNode(Node.newBuilder()
                                .setName(name)
                                .setIpAddress("10.4.0.1")
                                .setPort(7000))
                        .build())
                .getNodeUuid();
    }

    @Test
    void aResumePointTheLogNoLongerKeepsIsOutOfRange() {
        String uuid = register("trim");
        for (int i = 0; i < 250; i++) {
            client.heartbeat(HeartbeatRequest.newBuilder()
                    .setUuid(uuid)
                    .setResource(NodeGrpcServiceTest.report(uuid, i % 100 + 0.5))
                    .build());
        }
        Awaitility.await("the log trimmed to 200 events")
                .atMost(Duration.ofSeconds(10))
                .until(() -> {
                    try {
                        // until the trim, the watch from 0 answers with the first kept event
                        client.withDeadlineAfter(5, TimeUnit.SECONDS)
                                .watch(WatchRequest.newBuilder()
                                        .setSinceRevision(0)
                                        .build())
                                .next();
                        return false;
                    } catch (StatusRuntimeException gone) {
                        return gone.getStatus().getCode() == Status.Code.OUT_OF_RANGE
                                && gone.getStatus().getDescription().contains("no longer kept");
                    }
                });
    }

    @Test
    void aWatcherThatStopsReadingIsDroppedWithResourceExhausted() throws Exception {
        String uuid = register("slow");
        AtomicInteger received = new AtomicInteger();
        CompletableFuture<Status> ended = new CompletableFuture<>();
        CompletableFuture<ClientCallStreamObserver<WatchRequest>> call = new CompletableFuture<>();
        NodeServiceGrpc.newStub(channel)
                .watch(
                        WatchRequest.newBuilder().addNodeUuids(uuid).build(),
                        new ClientResponseObserver<WatchRequest, WatchEvent>() {
                            @Override
                            public void beforeStart(ClientCallStreamObserver<WatchRequest> stream) {
                                stream.disableAutoRequestWithInitial(0); // connected, reading nothing
                                call.complete(stream);
                            }

                            @Override
                            public void onNext(WatchEvent event) {
                                received.incrementAndGet();
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
        // 60 KB events: gRPC's flow-control window holds only a few before the server must wait
        Node.Builder big = Node.newBuilder().setIpAddress("10.4.0.1").setPort(7000);
        for (int k = 0; k < 60; k++) {
            big.putMetadata("k" + k, "v".repeat(1000));
        }
        int updates = 300;
        for (int i = 0; i < updates; i++) {
            client.updateNode(UpdateNodeRequest.newBuilder()
                    .setUuid(uuid)
                    .setNode(big.setName("n" + i))
                    .build());
        }
        call.get(10, TimeUnit.SECONDS).request(Integer.MAX_VALUE); // now read everything that was sent
        Status end = ended.get(30, TimeUnit.SECONDS);
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, end.getCode(), end.toString());
        assertTrue(end.getDescription().contains("too slow"), end.getDescription());
        assertTrue(received.get() < updates, "the slow watcher was cut off after " + received.get());
    }
}
