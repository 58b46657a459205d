package io.spear.next.sms.grpc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.spear.next.sms.grpc.original.DeleteNodeRequest;
import io.spear.next.sms.grpc.original.GetNodeRequest;
import io.spear.next.sms.grpc.original.GetNodeResourceRequest;
import io.spear.next.sms.grpc.original.GetNodeResponse;
import io.spear.next.sms.grpc.original.GetNodeWithResourceRequest;
import io.spear.next.sms.grpc.original.GetNodeWithResourceResponse;
import io.spear.next.sms.grpc.original.HeartbeatRequest;
import io.spear.next.sms.grpc.original.HeartbeatResponse;
import io.spear.next.sms.grpc.original.ListNodeResourcesRequest;
import io.spear.next.sms.grpc.original.ListNodesRequest;
import io.spear.next.sms.grpc.original.Node;
import io.spear.next.sms.grpc.original.NodeResource;
import io.spear.next.sms.grpc.original.NodeServiceGrpc;
import io.spear.next.sms.grpc.original.RegisterNodeRequest;
import io.spear.next.sms.grpc.original.RegisterNodeResponse;
import io.spear.next.sms.grpc.original.UpdateNodeRequest;
import io.spear.next.sms.grpc.original.UpdateNodeResourceRequest;
import io.spear.next.testing.GrpcChannels;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent of Spear's releases before b583009: a client generated from Spear's earlier {@code
 * sms/node.proto} (src/test/proto/original, without Node.http_port) goes through every method.
 */
@QuarkusTest
class OriginalClientTest {

    private ManagedChannel channel;
    private NodeServiceGrpc.NodeServiceBlockingStub agent;

    @BeforeEach
    void connect() {
        channel = GrpcChannels.toTestServer();
        agent = NodeServiceGrpc.newBlockingStub(GrpcChannels.asService(channel, "sms.NodeService"));
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        GrpcChannels.close(channel);
    }

    @Test
    void everyMethodWorksForAClientBuiltFromTheOriginalDefinition() {
        long before = Instant.now().getEpochSecond();
        RegisterNodeResponse registered = agent.registerNode(RegisterNodeRequest.newBuilder()
                .setNode(
                        Node.newBuilder().setIpAddress("10.1.2.3").setPort(7000).putMetadata("zone", "orig-1"))
                .build());
        assertTrue(registered.getSuccess());
        String uuid = registered.getNodeUuid();
        assertTrue(uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"), uuid);

        HeartbeatResponse beat = agent.heartbeat(HeartbeatRequest.newBuilder()
                .setUuid(uuid)
                .setTimestamp(before)
                .putHealthInfo("disk", "ok")
                .build());
        assertTrue(beat.getSuccess());
        assertTrue(beat.getServerTimestamp() >= before);

        GetNodeResponse got =
                agent.getNode(GetNodeRequest.newBuilder().setUuid(uuid).build());
        assertTrue(got.getFound());
        assertEquals("10.1.2.3", got.getNode().getIpAddress());
        assertEquals(7000, got.getNode().getPort());
        assertEquals("online", got.getNode().getStatus());
        assertEquals(beat.getServerTimestamp(), got.getNode().getLastHeartbeat());
        assertTrue(got.getNode().getRegisteredAt() >= before);
        assertEquals("orig-1", got.getNode().getMetadataOrThrow("zone"));

        assertTrue(
                agent
                        .listNodes(ListNodesRequest.newBuilder()
                                .setStatusFilter("online")
                                .build())
                        .getNodesList()
                        .stream()
                        .anyMatch(node -> node.getUuid().equals(uuid)));
        assertTrue(agent.listNodes(ListNodesRequest.getDefaultInstance()).getNodesList().stream()
                .anyMatch(node -> node.getUuid().equals(uuid)));

        assertTrue(agent.updateNodeResource(UpdateNodeResourceRequest.newBuilder()
                        .setResource(NodeResource.newBuilder()
                                .setNodeUuid(uuid)
                                .setCpuUsagePercent(37.5)
                                .setMemoryUsagePercent(52.0)
                                .setTotalMemoryBytes(1000)
                                .setUsedMemoryBytes(520)
                                .setLoadAverage1M(2.5)
                                .putResourceMetadata("kernel", "6.1"))
                        .build())
                .getSuccess());
        NodeResource report = agent.getNodeResource(
                        GetNodeResourceRequest.newBuilder().setNodeUuid(uuid).build())
                .getResource();
        assertEquals(37.5, report.getCpuUsagePercent());
        assertEquals(520, report.getUsedMemoryBytes());
        assertEquals("6.1", report.getResourceMetadataOrThrow("kernel"));
        assertTrue(report.getUpdatedAt() >= before);
        assertEquals(
                1,
                agent.listNodeResources(ListNodeResourcesRequest.newBuilder()
                                .addNodeUuids(uuid)
                                .build())
                        .getResourcesCount());

        GetNodeWithResourceResponse both = agent.getNodeWithResource(
                GetNodeWithResourceRequest.newBuilder().setUuid(uuid).build());
        assertTrue(both.getFound());
        assertEquals(uuid, both.getNode().getUuid());
        assertEquals(37.5, both.getResource().getCpuUsagePercent());

        assertTrue(agent.updateNode(UpdateNodeRequest.newBuilder()
                        .setUuid(uuid)
                        .setNode(Node.newBuilder()
                                .setIpAddress("10.1.2.3")
                                .setPort(7001)
                                .putMetadata("rack", "r9"))
                        .build())
                .getSuccess());
        // the same node over REST: UpdateNode replaced its description (metadata included), as
        // Spear's does, and kept what the agent's beat said
        given().get("/api/v1/nodes/" + uuid)
                .then()
                .statusCode(200)
                .body("port", equalTo(7001))
                .body("ip_address", equalTo("10.1.2.3"))
                .body("metadata.zone", nullValue())
                .body("metadata.rack", equalTo("r9"))
                .body("health_info.disk", equalTo("ok"));

        assertTrue(agent.deleteNode(DeleteNodeRequest.newBuilder().setUuid(uuid).build())
                .getSuccess());
        StatusRuntimeException gone = assertThrows(
                StatusRuntimeException.class,
                () -> agent.getNode(GetNodeRequest.newBuilder().setUuid(uuid).build()));
        assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
        assertFalse(agent.getNodeResource(
                        GetNodeResourceRequest.newBuilder().setNodeUuid(uuid).build())
                .getFound());
        assertFalse(agent.getNodeWithResource(
                        GetNodeWithResourceRequest.newBuilder().setUuid(uuid).build())
                .getFound());
        given().get("/api/v1/nodes/" + uuid).then().statusCode(404);
    }

    @Test
    void aNodeRegisteredWithItsOwnUuidKeepsIt() {
        String uuid = java.util.UUID.randomUUID().toString();
        RegisterNodeResponse registered = agent.registerNode(RegisterNodeRequest.newBuilder()
                .setNode(
                        Node.newBuilder().setUuid(uuid).setIpAddress("10.1.2.4").setPort(7000))
                .build());
        assertEquals(uuid, registered.getNodeUuid());
        given().get("/api/v1/nodes/" + uuid).then().statusCode(200).body("ip_address", equalTo("10.1.2.4"));
    }
}
