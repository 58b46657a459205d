package io.spear.next.sms.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spear.next.sms.grpc.spear.NodeOuterClass.DeleteNodeRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.GetNodeRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.GetNodeResourceRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.GetNodeWithResourceRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.GetNodeWithResourceResponse;
import io.spear.next.sms.grpc.spear.NodeOuterClass.HeartbeatRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.ListNodeResourcesRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.ListNodesRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.Node;
import io.spear.next.sms.grpc.spear.NodeOuterClass.NodeResource;
import io.spear.next.sms.grpc.spear.NodeOuterClass.RegisterNodeRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.UpdateNodeRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.UpdateNodeResourceRequest;
import io.spear.next.sms.grpc.spear.NodeServiceGrpc;
import io.spear.next.sms.grpc.spear.NodeServiceGrpc.NodeServiceBlockingStub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The gRPC tests of Spear's {@code tests/integration_tests.rs} (lfedgeai/SPEAR b583009), step by
 * step and assertion by assertion, through a client generated from Spear's current {@code
 * proto/sms/node.proto} (src/test/proto/spear). Each expects a server of its own that holds no
 * node yet, as Spear's tests start one each.
 */
final class SpearIntegrationTests {

    private SpearIntegrationTests() {}

    private static NodeServiceBlockingStub client(Channel channel) {
        return NodeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** {@code generate_test_node}: a random uuid at 192.168.1.100:8080 in region us-west, env test. */
    private static Node.Builder testNode(String status) {
        return Node.newBuilder()
                .setUuid(UUID.randomUUID().toString())
                .setIpAddress("192.168.1.100")
                .setPort(8080)
                .setHttpPort(0)
                .setStatus(status)
                .putMetadata("region", "us-west")
                .putMetadata("env", "test")
                .setRegisteredAt(now())
                .setLastHeartbeat(now());
    }

    /** {@code generate_test_resource}. */
    private static NodeResource testResource(String uuid) {
        return NodeResource.newBuilder()
                .setNodeUuid(uuid)
                .setCpuUsagePercent(75.5)
                .setMemoryUsagePercent(82.3)
                .setTotalMemoryBytes(16_000_000_000L)
                .setUsedMemoryBytes(13_168_000_000L)
                .setAvailableMemoryBytes(2_832_000_000L)
                .setDiskUsagePercent(45.2)
                .setTotalDiskBytes(1_000_000_000_000L)
                .setUsedDiskBytes(452_000_000_000L)
                .setNetworkRxBytesPerSec(1_048_576)
                .setNetworkTxBytesPerSec(524_288)
                .setLoadAverage1M(1.25)
                .setLoadAverage5M(1.15)
                .setLoadAverage15M(1.05)
                .putResourceMetadata("gpu_count", "2")
                .setUpdatedAt(now())
                .build();
    }

    private static Status.Code failure(ThrowingSupplier<?> call) {
        try {
            call.get();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        } catch (Throwable e) {
            throw new AssertionError("not a gRPC status", e);
        }
        throw new AssertionError("the call succeeded");
    }

    /** {@code test_grpc_node_lifecycle}. */
    static void nodeLifecycle(Channel channel) {
        NodeServiceBlockingStub client = client(channel);
        Node registered = testNode("online").build();
        String uuid = registered.getUuid();

        assertTrue(client.registerNode(
                        RegisterNodeRequest.newBuilder().setNode(registered).build())
                .getSuccess());

        Node node = client.getNode(GetNodeRequest.newBuilder().setUuid(uuid).build())
                .getNode();
        assertEquals(uuid, node.getUuid());
        assertEquals("192.168.1.100", node.getIpAddress());
        assertEquals(8080, node.getPort());

        Node updated = registered.toBuilder()
                .setIpAddress("192.168.1.101")
                .setPort(8081)
                .setStatus("active")
                .putMetadata("updated", "true")
                .build();
        assertTrue(client.updateNode(UpdateNodeRequest.newBuilder()
                        .setUuid(uuid)
                        .setNode(updated)
                        .build())
                .getSuccess());

        Node afterUpdate = client.getNode(
                        GetNodeRequest.newBuilder().setUuid(uuid).build())
                .getNode();
        assertEquals("192.168.1.101", afterUpdate.getIpAddress());
        assertEquals(8081, afterUpdate.getPort());
        assertEquals("true", afterUpdate.getMetadataOrThrow("updated"));

        assertTrue(client.heartbeat(HeartbeatRequest.newBuilder()
                        .setUuid(uuid)
                        .setTimestamp(now())
                        .putHealthInfo("cpu_usage", "45.2")
                        .build())
                .getSuccess());

        List<Node> nodes = client.listNodes(
                        ListNodesRequest.newBuilder().setStatusFilter("").build())
                .getNodesList();
        assertFalse(nodes.isEmpty());
        assertTrue(nodes.stream().anyMatch(n -> n.getUuid().equals(uuid)));

        assertTrue(
                client.deleteNode(DeleteNodeRequest.newBuilder().setUuid(uuid).build())
                        .getSuccess());

        // Spear's test asserts only is_err(); its server's answer, and so ours, is NOT_FOUND
        assertEquals(
                Status.Code.NOT_FOUND,
                failure(() ->
                        client.getNode(GetNodeRequest.newBuilder().setUuid(uuid).build())));
    }

    /** {@code test_grpc_resource_management}. */
    static void resourceManagement(Channel channel) {
        NodeServiceBlockingStub client = client(channel);
        Node registered = testNode("active").build();
        String uuid = registered.getUuid();
        assertTrue(client.registerNode(
                        RegisterNodeRequest.newBuilder().setNode(registered).build())
                .getSuccess());

        NodeResource resource = testResource(uuid);
        assertTrue(client.updateNodeResource(UpdateNodeResourceRequest.newBuilder()
                        .setResource(resource)
                        .build())
                .getSuccess());

        NodeResource retrieved = client.getNodeResource(
                        GetNodeResourceRequest.newBuilder().setNodeUuid(uuid).build())
                .getResource();
        assertEquals(uuid, retrieved.getNodeUuid());
        assertEquals(75.5, retrieved.getCpuUsagePercent());
        assertEquals(82.3, retrieved.getMemoryUsagePercent());

        List<NodeResource> resources = client.listNodeResources(
                        ListNodeResourcesRequest.newBuilder().addNodeUuids(uuid).build())
                .getResourcesList();
        assertFalse(resources.isEmpty());
        assertTrue(resources.stream().anyMatch(r -> r.getNodeUuid().equals(uuid)));

        GetNodeWithResourceResponse both = client.getNodeWithResource(
                GetNodeWithResourceRequest.newBuilder().setUuid(uuid).build());
        assertTrue(both.hasNode());
        assertTrue(both.hasResource());
        assertEquals(uuid, both.getNode().getUuid());
        assertEquals(uuid, both.getResource().getNodeUuid());
    }

    /** {@code test_grpc_error_handling}: Spear asserts is_err(), and NOT_FOUND for GetNode. */
    static void errorHandling(Channel channel) {
        NodeServiceBlockingStub client = client(channel);
        String unknown = UUID.randomUUID().toString();

        assertEquals(
                Status.Code.NOT_FOUND,
                failure(() -> client.getNode(
                        GetNodeRequest.newBuilder().setUuid(unknown).build())));
        Node node = testNode("active").setUuid(unknown).clearMetadata().build();
        assertEquals(
                Status.Code.NOT_FOUND,
                failure(() -> client.updateNode(UpdateNodeRequest.newBuilder()
                        .setUuid(unknown)
                        .setNode(node)
                        .build())));
        assertEquals(
                Status.Code.NOT_FOUND,
                failure(() -> client.deleteNode(
                        DeleteNodeRequest.newBuilder().setUuid(unknown).build())));
        assertEquals(
                Status.Code.NOT_FOUND,
                failure(() -> client.heartbeat(HeartbeatRequest.newBuilder()
                        .setUuid(unknown)
                        .setTimestamp(now())
                        .build())));
    }

    /** {@code test_grpc_concurrent_operations}: five clients register at once; the list holds exactly those five. */
    static void concurrentOperations(Channel channel) {
        List<CompletableFuture<String>> registrations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int index = i;
            registrations.add(CompletableFuture.supplyAsync(() -> {
                Node node = Node.newBuilder()
                        .setUuid(UUID.randomUUID().toString())
                        .setIpAddress("192.168.1." + (100 + index))
                        .setPort(8080 + index)
                        .setHttpPort(0)
                        .setStatus("online")
                        .setRegisteredAt(now())
                        .setLastHeartbeat(now())
                        .build();
                assertTrue(client(channel)
                        .registerNode(
                                RegisterNodeRequest.newBuilder().setNode(node).build())
                        .getSuccess());
                return node.getUuid();
            }));
        }
        List<String> uuids = registrations.stream().map(CompletableFuture::join).toList();

        List<Node> nodes = client(channel)
                .listNodes(ListNodesRequest.newBuilder().setStatusFilter("").build())
                .getNodesList();
        assertEquals(5, nodes.size());
        for (String uuid : uuids) {
            assertTrue(nodes.stream().anyMatch(n -> n.getUuid().equals(uuid)));
        }
    }

    /** {@code test_node_registry_integration}: three nodes, a beat and a report each, every report listed. */
    static void nodeRegistryIntegration(Channel channel) {
        NodeServiceBlockingStub client = client(channel);
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Node node =
                    testNode("active").putMetadata("index", Integer.toString(i)).build();
            assertTrue(client.registerNode(
                            RegisterNodeRequest.newBuilder().setNode(node).build())
                    .getSuccess());
            uuids.add(node.getUuid());
        }
        assertEquals(
                3,
                client.listNodes(ListNodesRequest.newBuilder()
                                .setStatusFilter("")
                                .build())
                        .getNodesCount());
        for (String uuid : uuids) {
            client.heartbeat(HeartbeatRequest.newBuilder()
                    .setUuid(uuid)
                    .setTimestamp(now())
                    .putAllHealthInfo(Map.of("status", "ok"))
                    .build());
        }
        for (String uuid : uuids) {
            assertTrue(client.updateNodeResource(UpdateNodeResourceRequest.newBuilder()
                            .setResource(testResource(uuid))
                            .build())
                    .getSuccess());
        }
        List<NodeResource> resources = client.listNodeResources(ListNodeResourcesRequest.getDefaultInstance())
                .getResourcesList();
        assertEquals(3, resources.size());
        for (NodeResource resource : resources) {
            assertTrue(uuids.contains(resource.getNodeUuid()));
            assertTrue(resource.getCpuUsagePercent() > 0.0);
        }
    }
}
