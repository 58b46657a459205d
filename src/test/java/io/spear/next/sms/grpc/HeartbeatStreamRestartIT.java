package io.spear.next.sms.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.spear.next.sms.grpc.v1.GetNodeRequest;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.HeartbeatResponse;
import io.spear.next.sms.grpc.v1.Node;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.sms.grpc.v1.RegisterNodeRequest;
import io.spear.next.testing.GrpcChannels;
import io.spear.next.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    /** One stream: its answers, and how it ended. */
    record Stream(StreamObserver<HeartbeatRequest> beats, LinkedBlockingQueue<HeartbeatResponse> answers,
            CompletableFuture<Status> ended) {

        static Stream open(NodeServiceGrpc.NodeServiceStub stub) {
            LinkedBlockingQueue<HeartbeatResponse> answers = new LinkedBlockingQueue<>();
            CompletableFuture<Status> ended = new CompletableFuture<>();
            StreamObserver<HeartbeatRequest> beats = stub.streamHeartbeats(new StreamObserver<>() {
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
            return new Stream(beats, answers, ended);
        }

        HeartbeatResponse beat(String uuid) throws InterruptedException {
            beats.onNext(HeartbeatRequest.newBuilder().setUuid(uuid)
                    .setResource(NodeGrpcServiceTest.report(uuid, 20)).build());
            HeartbeatResponse answer = answers.poll(10, TimeUnit.SECONDS);
            assertTrue(answer != null, "no answer to a beat within 10 s");
            return answer;
        }
    }

    @Test
    void theStreamEndsUnavailableAtShutdownAndTheAgentsReconnectWorks() throws Exception {
        Map<String, String> env = Map.of("KV_PATH", workDir.resolve("kv").toString());
        int grpcPort = ServiceProcess.freePort();
        ManagedChannel channel = GrpcChannels.to(grpcPort);
        String uuid;
        long revision;
        try (ServiceProcess first = ServiceProcess.start(workDir, env, grpcPort).awaitReady(Duration.ofSeconds(60))) {
            NodeServiceGrpc.NodeServiceStub stub = NodeServiceGrpc.newStub(channel);
            uuid = NodeServiceGrpc.newBlockingStub(channel).registerNode(RegisterNodeRequest.newBuilder()
                    .setNode(Node.newBuilder().setIpAddress("10.5.0.1").setPort(7000)).build()).getNodeUuid();
            Stream stream = Stream.open(stub);
            long previous = 0;
            for (int i = 0; i < 10; i++) {
                long beat = stream.beat(uuid).getRevision();
                assertTrue(beat > previous);
                previous = beat;
            }
            revision = previous;

            long stopping = System.nanoTime();
            first.signalTerm();
            Status end = stream.ended().get(30, TimeUnit.SECONDS);
            assertEquals(Status.Code.UNAVAILABLE, end.getCode(), end.toString());
            assertTrue(Duration.ofNanos(System.nanoTime() - stopping).toSeconds() < 8,
                    "the open stream did not hold the shutdown for quarkus.shutdown.timeout");
            int exit = first.awaitExit(Duration.ofSeconds(30));
            assertTrue(exit == 0 || exit == 143, "exit code " + exit + ":\n" + first.output());
        }

        try (ServiceProcess second = ServiceProcess.start(workDir, env, grpcPort).awaitReady(Duration.ofSeconds(60))) {
            // the same channel: gRPC reconnects by itself once the address answers again
            Stream again = Stream.open(NodeServiceGrpc.newStub(channel));
            HeartbeatResponse answer = again.beat(uuid);
            assertEquals("active", answer.getStatus());
            assertEquals(revision + 1, answer.getRevision(), "beats continue from the stored revision");
            assertEquals(answer.getRevision(), NodeServiceGrpc.newBlockingStub(channel)
                    .getNode(GetNodeRequest.newBuilder().setUuid(uuid).build()).getNode().getRevision());
            again.beats().onCompleted();
            assertEquals(Status.Code.OK, again.ended().get(10, TimeUnit.SECONDS).getCode());
            assertTrue(second.errorLines().isEmpty(), second.errorLines().toString());
        } finally {
            GrpcChannels.close(channel);
        }
    }
}
