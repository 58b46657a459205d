package io.spear.next.sms.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.spear.next.sms.grpc.v1.GetNodeRequest;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.HeartbeatResponse;
import io.spear.next.sms.grpc.v1.Node;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.sms.grpc.v1.RegisterNodeRequest;
import io.spear.next.testing.GrpcChannels;
import io.spear.next.testing.HeartbeatStreamClient;
import io.spear.next.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's heartbeat stream across a restart of the packaged service: the stream ends with
 * UNAVAILABLE when the server stops (at once, not after the shutdown timeout), the agent's
 * reconnect to the same address works once the server is back, and the node's beats continue from
 * the revision they had reached.
 */
class HeartbeatStreamRestartIT {

    @TempDir
    Path workDir;

    private static HeartbeatResponse beat(HeartbeatStreamClient stream, String uuid) throws InterruptedException {
        stream.send(HeartbeatRequest.newBuilder()
                .setUuid(uuid)
                .setResource(NodeGrpcServiceTest.report(uuid, 20))
                .build());
        return stream.answer();
    }

    @Test
    void theStreamEndsUnavailableAtShutdownAndTheAgentsReconnectWorks() throws Exception {
        Map<String, String> env =
                Map.of("KV_PATH", workDir.resolve("kv").toString(), "SMS_GRPC_ALL_EVENT_LOOPS", "true");
        int grpcPort = ServiceProcess.freePort();
        ManagedChannel channel = GrpcChannels.to(grpcPort);
        String uuid;
        long revision;
        try (ServiceProcess first = ServiceProcess.start(workDir, env, grpcPort).awaitReady(Duration.ofSeconds(60))) {
            NodeServiceGrpc.NodeServiceStub stub = NodeServiceGrpc.newStub(channel);
            uuid = NodeServiceGrpc.newBlockingStub(channel)
                    .registerNode(RegisterNodeRequest.newBuilder()
                            .setNode(Node.newBuilder().setIpAddress("10.5.0.1").setPort(7000))
                            .build())
                    .getNodeUuid();
            HeartbeatStreamClient stream = HeartbeatStreamClient.open(stub);
            long previous = 0;
            for (int i = 0; i < 10; i++) {
                long beat = beat(stream, uuid).getRevision();
                assertTrue(beat > previous);
                previous = beat;
            }
            revision = previous;
            // more agents, a connection each: the server spreads connections over its event loops
            assertTrue(
                    first.output().matches("(?s).*gRPC serves port " + grpcPort + " on [2-9]\\d* event loops.*"),
                    first.output());
            List<ManagedChannel> others = new ArrayList<>();
            List<HeartbeatStreamClient> otherStreams = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ManagedChannel other = GrpcChannels.to(grpcPort);
                others.add(other);
                HeartbeatStreamClient otherStream = HeartbeatStreamClient.open(NodeServiceGrpc.newStub(other));
                revision = beat(otherStream, uuid).getRevision();
                otherStreams.add(otherStream);
            }

            long stopping = System.nanoTime();
            first.signalTerm();
            Status end = stream.ended();
            assertEquals(Status.Code.UNAVAILABLE, end.getCode(), end.toString());
            for (HeartbeatStreamClient otherStream : otherStreams) {
                assertEquals(Status.Code.UNAVAILABLE, otherStream.ended().getCode(), "every connection's stream");
            }
            for (ManagedChannel other : others) {
                GrpcChannels.close(other);
            }
            assertTrue(
                    Duration.ofNanos(System.nanoTime() - stopping).toSeconds() < 8,
                    "the open stream did not hold the shutdown for quarkus.shutdown.timeout");
            int exit = first.awaitExit(Duration.ofSeconds(30));
            assertTrue(exit == 0 || exit == 143, "exit code " + exit + ":\n" + first.output());
        }

        try (ServiceProcess second =
                ServiceProcess.start(workDir, env, grpcPort).awaitReady(Duration.ofSeconds(60))) {
            // the same channel: gRPC reconnects by itself once the address answers again
            HeartbeatStreamClient again = HeartbeatStreamClient.open(NodeServiceGrpc.newStub(channel));
            HeartbeatResponse answer = beat(again, uuid);
            assertEquals("active", answer.getState());
            assertEquals(revision + 1, answer.getRevision(), "beats continue from the stored revision");
            assertEquals(
                    answer.getRevision(),
                    NodeServiceGrpc.newBlockingStub(channel)
                            .getNode(GetNodeRequest.newBuilder().setUuid(uuid).build())
                            .getNode()
                            .getRevision());
            again.close();
            assertEquals(Status.Code.OK, again.ended().getCode());
            assertTrue(second.errorLines().isEmpty(), second.errorLines().toString());
        } finally {
            GrpcChannels.close(channel);
        }
    }
}
