package io.spear.next.sms.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.spear.next.sms.grpc.v1.DeleteNodeRequest;
import io.spear.next.sms.grpc.v1.GetNodeRequest;
import io.spear.next.sms.grpc.v1.GetNodeResourceRequest;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.ListNodesRequest;
import io.spear.next.sms.grpc.v1.Node;
import io.spear.next.sms.grpc.v1.NodeResource;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.sms.grpc.v1.RegisterNodeRequest;
import io.spear.next.sms.grpc.v1.UpdateNodeResourceRequest;
import io.spear.next.sms.security.AuthEnabledProfile;
import io.spear.next.sms.security.Roles;
import io.spear.next.testing.GrpcChannels;
import io.spear.next.testing.HeartbeatStreamClient;
import io.spear.next.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** sms.auth.enabled=true over gRPC: a bearer JWT in the authorization metadata, REST's roles. */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
class GrpcAuthorizationTest {

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = GrpcChannels.toTestServer();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        GrpcChannels.close(channel);
    }

    private NodeServiceGrpc.NodeServiceBlockingStub as(String token) {
        NodeServiceGrpc.NodeServiceBlockingStub stub = NodeServiceGrpc.newBlockingStub(channel);
        return token == null ? stub : stub.withCallCredentials(GrpcChannels.bearer(token));
    }

    private static void refused(Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void eachRoleGetsWhatItDoesOverRest() {
        RegisterNodeRequest registration = RegisterNodeRequest.newBuilder()
                .setNode(Node.newBuilder().setIpAddress("10.3.0.1").setPort(7000))
                .build();
        refused(Status.Code.UNAUTHENTICATED, () -> as(null).registerNode(registration));
        refused(
                Status.Code.UNAUTHENTICATED,
                () -> as(TestTokens.expired(Roles.AGENT)).registerNode(registration));
        refused(
                Status.Code.UNAUTHENTICATED,
                () -> as(TestTokens.signedByAStranger(Roles.AGENT)).registerNode(registration));
        refused(
                Status.Code.PERMISSION_DENIED,
                () -> as(TestTokens.token(Roles.READER)).registerNode(registration));

        String uuid =
                as(TestTokens.token(Roles.AGENT)).registerNode(registration).getNodeUuid();
        NodeServiceGrpc.NodeServiceBlockingStub agent = as(TestTokens.token(Roles.AGENT));
        NodeServiceGrpc.NodeServiceBlockingStub reader = as(TestTokens.token(Roles.READER));
        assertEquals(
                "active",
                agent.heartbeat(HeartbeatRequest.newBuilder().setUuid(uuid).build())
                        .getState());
        refused(
                Status.Code.PERMISSION_DENIED,
                () -> reader.heartbeat(
                        HeartbeatRequest.newBuilder().setUuid(uuid).build()));
        refused(
                Status.Code.PERMISSION_DENIED,
                () -> agent.getNode(GetNodeRequest.newBuilder().setUuid(uuid).build()));
        assertTrue(reader.getNode(GetNodeRequest.newBuilder().setUuid(uuid).build())
                .getFound());
        assertTrue(
                reader.listNodes(ListNodesRequest.newBuilder().setPageSize(10).build())
                                .getNodesCount()
                        >= 1);
        refused(Status.Code.UNAUTHENTICATED, () -> as(null).listNodes(ListNodesRequest.getDefaultInstance()));
        refused(
                Status.Code.PERMISSION_DENIED,
                () -> reader.deleteNode(
                        DeleteNodeRequest.newBuilder().setUuid(uuid).build()));
        refused(
                Status.Code.PERMISSION_DENIED,
                () -> agent.deleteNode(
                        DeleteNodeRequest.newBuilder().setUuid(uuid).build()));
        assertTrue(as(TestTokens.token(Roles.ADMIN))
                .deleteNode(DeleteNodeRequest.newBuilder().setUuid(uuid).build())
                .getSuccess());
        refused(
                Status.Code.NOT_FOUND,
                () -> as(TestTokens.token(Roles.ADMIN))
                        .deleteNode(DeleteNodeRequest.newBuilder()
                                .setUuid(UUID.randomUUID().toString())
                                .build()));
    }

    /** Beats and reports are checked on the event loop (AgentWrites): the same roles, nothing stored when refused. */
    @Test
    void agentWritesNeedTheAgentRoleOverEveryForm() throws Exception {
        NodeServiceGrpc.NodeServiceBlockingStub agent = as(TestTokens.token(Roles.AGENT));
        NodeServiceGrpc.NodeServiceBlockingStub reader = as(TestTokens.token(Roles.READER));
        String uuid = agent.registerNode(RegisterNodeRequest.newBuilder()
                        .setNode(Node.newBuilder().setIpAddress("10.3.0.2").setPort(7000))
                        .build())
                .getNodeUuid();
        NodeResource report = NodeResource.newBuilder()
                .setNodeUuid(uuid)
                .setCpuUsagePercent(12.5)
                .build();
        UpdateNodeResourceRequest update =
                UpdateNodeResourceRequest.newBuilder().setResource(report).build();

        refused(Status.Code.PERMISSION_DENIED, () -> reader.updateNodeResource(update));
        refused(Status.Code.UNAUTHENTICATED, () -> as(null).updateNodeResource(update));
        assertFalse(reader.getNodeResource(
                        GetNodeResourceRequest.newBuilder().setNodeUuid(uuid).build())
                .getFound());
        assertEquals(12.5, agent.updateNodeResource(update).getResource().getCpuUsagePercent());

        HeartbeatRequest beat = HeartbeatRequest.newBuilder().setUuid(uuid).build();
        assertEquals(
                Status.Code.PERMISSION_DENIED,
                streamed(TestTokens.token(Roles.READER), beat).getCode());
        assertEquals(Status.Code.UNAUTHENTICATED, streamed(null, beat).getCode());
        long revision = reader.getNode(GetNodeRequest.newBuilder().setUuid(uuid).build())
                .getNode()
                .getRevision();
        assertEquals(
                Status.Code.PERMISSION_DENIED,
                opened(TestTokens.token(Roles.READER)).getCode());
        assertEquals(Status.Code.UNAUTHENTICATED, opened(null).getCode());
        assertEquals(
                Status.Code.OK, streamed(TestTokens.token(Roles.AGENT), beat).getCode());
        assertTrue(reader.getNode(GetNodeRequest.newBuilder().setUuid(uuid).build())
                        .getNode()
                        .getRevision()
                > revision);
    }

    /** A stream opened as {@code token}'s holder that sends nothing and stays open: how the server ended it. */
    private Status opened(String token) throws Exception {
        NodeServiceGrpc.NodeServiceStub stub = NodeServiceGrpc.newStub(channel);
        return HeartbeatStreamClient.open(token == null ? stub : stub.withCallCredentials(GrpcChannels.bearer(token)))
                .ended();
    }

    /** One beat over StreamHeartbeats as {@code token}'s holder: how the stream ended. */
    private Status streamed(String token, HeartbeatRequest beat) throws Exception {
        NodeServiceGrpc.NodeServiceStub stub = NodeServiceGrpc.newStub(channel);
        HeartbeatStreamClient stream =
                HeartbeatStreamClient.open(token == null ? stub : stub.withCallCredentials(GrpcChannels.bearer(token)));
        stream.send(beat);
        stream.close();
        while (stream.nextOrEnd() != null) {
            // the answer of an admitted beat
        }
        return stream.ended();
    }

    @Test
    void healthNeedsNoToken() {
        assertEquals(
                ServingStatus.SERVING,
                HealthGrpc.newBlockingStub(channel)
                        .check(HealthCheckRequest.getDefaultInstance())
                        .getStatus());
    }
}
