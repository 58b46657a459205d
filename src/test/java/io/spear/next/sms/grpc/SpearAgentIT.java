package io.spear.next.sms.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spear.next.sms.grpc.spear.NodeOuterClass.DeleteNodeRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.GetNodeRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.GetNodeResourceRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.Node;
import io.spear.next.sms.grpc.spear.NodeServiceGrpc;
import io.spear.next.testing.GrpcChannels;
import io.spear.next.testing.ServiceProcess;
import io.spear.next.testing.SpearAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spear's agents ({@link SpearAgent}, as {@code registration.rs} behaves) through their whole life
 * against the packaged service on RocksDB: registering, reporting and beating; restarting and
 * registering again; the service killed and started again over the same data; a node removed
 * under its agent; an agent that advertises a DNS name.
 */
class SpearAgentIT {

    private static final Duration BOOT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private Map<String, String> env() {
        return Map.of("KV_BACKEND", "rocksdb", "KV_PATH", work.resolve("data").toString());
    }

    private static Node node(ManagedChannel channel, String uuid) {
        return NodeServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .getNode(GetNodeRequest.newBuilder().setUuid(uuid).build())
                .getNode();
    }

    @Test
    void anAgentRegistersBeatsRestartsAndOutlivesARestartOfTheService() throws Exception {
        int grpcPort = ServiceProcess.freePort();
        ServiceProcess sms = ServiceProcess.start(work, env(), grpcPort).awaitReady(BOOT);
        ManagedChannel channel = GrpcChannels.to(grpcPort);
        try {
            SpearAgent agent = new SpearAgent(channel, "10.0.0.5", 50052, 8081, "worker-a");
            // the uuid Spear's agent computes: v5 of ip:port:name (Python's uuid5 gives the same)
            assertEquals("a372e1a3-cd0a-5d6c-bb3c-8c6bf7e2cbe5", agent.uuid());

            assertNull(agent.tick());
            assertTrue(agent.registered());
            Node registered = node(channel, agent.uuid());
            assertEquals("online", registered.getStatus());
            assertEquals(8081, registered.getHttpPort());
            assertEquals("10.0.0.5", registered.getIpAddress());
            assertEquals(50052, registered.getPort());
            assertEquals("worker-a", registered.getMetadataOrThrow("name"));
            assertTrue(NodeServiceGrpc.newBlockingStub(channel)
                    .getNodeResource(GetNodeResourceRequest.newBuilder()
                            .setNodeUuid(agent.uuid())
                            .build())
                    .getFound());

            assertNull(agent.tick(), "a beat");

            // the agent process restarts: RegisterNode of its known uuid succeeds
            agent.restart();
            assertNull(agent.tick());
            assertEquals(
                    registered.getRegisteredAt(), node(channel, agent.uuid()).getRegisteredAt());

            // the service is killed; the agent's beat fails, and it registers again once the service is back
            sms.kill();
            StatusRuntimeException down = agent.tick();
            assertNotNull(down);
            assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode());
            sms = ServiceProcess.start(work, env(), grpcPort).awaitReady(BOOT);
            // the agent ticks on (its channel reconnects with backoff) until it is registered again
            Awaitility.await("the agent registered again")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> agent.tick() == null);
            assertNull(agent.tick(), "and beating");
            Node afterRestart = node(channel, agent.uuid());
            assertEquals("online", afterRestart.getStatus());
            assertEquals(registered.getRegisteredAt(), afterRestart.getRegisteredAt());

            // an operator removes the node: the next beat is NOT_FOUND, and the agent registers again
            NodeServiceGrpc.newBlockingStub(channel)
                    .deleteNode(
                            DeleteNodeRequest.newBuilder().setUuid(agent.uuid()).build());
            StatusRuntimeException gone = agent.tick();
            assertNotNull(gone);
            assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
            assertTrue(agent.registered(), "registered again in the same tick");
            assertEquals("online", node(channel, agent.uuid()).getStatus());
            assertNull(agent.tick());
        } finally {
            GrpcChannels.close(channel);
            sms.close();
        }
    }

    @Test
    void anAgentThatAdvertisesADnsNameIsRegisteredUnderIt() throws Exception {
        try (ServiceProcess sms = ServiceProcess.start(work, env()).awaitReady(BOOT)) {
            ManagedChannel channel = GrpcChannels.to(sms.grpcPort());
            try {
                SpearAgent agent =
                        new SpearAgent(channel, "spearlet-0.spearlet.spear.svc.cluster.local", 50052, 8081, "w0");
                assertNull(agent.tick());
                assertNull(agent.tick());
                assertEquals(
                        "spearlet-0.spearlet.spear.svc.cluster.local",
                        node(channel, agent.uuid()).getIpAddress());
            } finally {
                GrpcChannels.close(channel);
            }
        }
    }
}
