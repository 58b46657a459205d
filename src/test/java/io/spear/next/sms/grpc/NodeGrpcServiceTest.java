package io.spear.next.sms.grpc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import io.spear.next.sms.grpc.v1.DeleteNodeRequest;
import io.spear.next.sms.grpc.v1.GetNodeRequest;
import io.spear.next.sms.grpc.v1.GetNodeResourceRequest;
import io.spear.next.sms.grpc.v1.Gpu;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.HeartbeatResponse;
import io.spear.next.sms.grpc.v1.ListNodeResourcesRequest;
import io.spear.next.sms.grpc.v1.ListNodesRequest;
import io.spear.next.sms.grpc.v1.ListNodesResponse;
import io.spear.next.sms.grpc.v1.Node;
import io.spear.next.sms.grpc.v1.NodeResource;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.sms.grpc.v1.RegisterNodeRequest;
import io.spear.next.sms.grpc.v1.RegisterNodeResponse;
import io.spear.next.sms.grpc.v1.UpdateNodeRequest;
import io.spear.next.sms.grpc.v1.UpdateNodeResourceRequest;
import io.spear.next.sms.grpc.v1.WatchEvent;
import io.spear.next.sms.grpc.v1.WatchRequest;
import io.spear.next.testing.GrpcChannels;
import io.spear.next.testing.HeartbeatStreamClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The extended service: the report in the heartbeat, paging, errors, streams, health, reflection, metrics. */
@QuarkusTest
class NodeGrpcServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ManagedChannel channel;
    private NodeServiceGrpc.NodeServiceStub async;

    @BeforeEach
    void connect() {
        channel = GrpcChannels.toTestServer();
        async = NodeServiceGrpc.newStub(channel);
    }

    /** A blocking stub whose calls each get 30 s (a stub's deadline runs from its creation). */
    private NodeServiceGrpc.NodeServiceBlockingStub client() {
        return NodeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** A watch: no deadline, it runs as long as the test reads it. */
    private Iterator<WatchEvent> watch(WatchRequest request) {
        return NodeServiceGrpc.newBlockingStub(channel).watch(request);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        GrpcChannels.close(channel);
    }

    private String register(String zone) {
        return client().registerNode(RegisterNodeRequest.newBuilder()
                        .setNode(Node.newBuilder()
                                .setIpAddress("10.2.0.1")
                                .setPort(7000)
                                .setName("grpc-" + zone)
                                .putMetadata("zone", zone))
                        .build())
                .getNodeUuid();
    }

    /** Sends {@link #report} through UpdateNodeResource. */
    private void sendReport(String uuid, double cpu) {
        client().updateNodeResource(UpdateNodeResourceRequest.newBuilder()
                .setResource(report(uuid, cpu))
                .build());
    }

    static NodeResource report(String uuid, double cpu) {
        return NodeResource.newBuilder()
                .setNodeUuid(uuid)
                .setCpuUsagePercent(cpu)
                .setMemoryUsagePercent(40)
                .setTotalMemoryBytes(64L << 30)
                .setUsedMemoryBytes(20L << 30)
                .setAvailableMemoryBytes(44L << 30)
                .setDiskUsagePercent(41)
                .setTotalDiskBytes(1L << 40)
                .setUsedDiskBytes(1L << 39)
                .setNetworkRxBytesPerSec(1250000)
                .setNetworkTxBytesPerSec(830000)
                .setLoadAverage1M(2.1)
                .setLoadAverage5M(1.8)
                .setLoadAverage15M(1.5)
                .addGpus(Gpu.newBuilder()
                        .setIndex(0)
                        .setModel("A100")
                        .setMemoryTotalBytes(80L << 30)
                        .setMemoryUsedBytes(1L << 30)
                        .setUtilizationPercent(12.5))
                .putResourceMetadata("kernel", "6.1")
                .build();
    }

    private static StatusRuntimeException refused(Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        return e;
    }

    @Test
    void aHeartbeatCarriesItsReportInOneCall() {
        String uuid = register("beat");
        HeartbeatResponse beat = client().heartbeat(HeartbeatRequest.newBuilder()
                .setUuid(uuid)
                .putHealthInfo("disk", "ok")
                .setResource(report(uuid, 37.5))
                .build());
        assertEquals("active", beat.getState());
        assertEquals(uuid, beat.getUuid());
        NodeResource stored = client().getNodeResource(
                        GetNodeResourceRequest.newBuilder().setNodeUuid(uuid).build())
                .getResource();
        assertEquals(37.5, stored.getCpuUsagePercent());
        assertEquals("A100", stored.getGpus(0).getModel());
        assertEquals(beat.getServerTimestamp(), stored.getUpdatedAt());
        // the revision is the REST ETag
        given().get("/api/v1/nodes/" + uuid).then().statusCode(200).header("ETag", "\"" + beat.getRevision() + "\"");
    }

    @Test
    void clientMistakesGetStatusCodesNamingTheField() {
        String uuid = register("errors");
        String described = refused(
                        Status.Code.INVALID_ARGUMENT,
                        () -> client().getNode(GetNodeRequest.newBuilder()
                                .setUuid("not-a-uuid")
                                .build()))
                .getStatus()
                .getDescription();
        assertTrue(described.startsWith("uuid: must be a UUID"), described);
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().heartbeat(
                                HeartbeatRequest.newBuilder().setUuid("").build()));
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().deleteNode(
                                DeleteNodeRequest.newBuilder().setUuid("x").build()));

        described = refused(
                        Status.Code.INVALID_ARGUMENT,
                        () -> client().registerNode(RegisterNodeRequest.newBuilder()
                                .setNode(Node.newBuilder()
                                        .setIpAddress("not an address")
                                        .setPort(70000))
                                .build()))
                .getStatus()
                .getDescription();
        assertTrue(
                described.contains("ip_address: ") && described.contains("port: must be less than or equal to 65535"),
                described);

        described = refused(
                        Status.Code.INVALID_ARGUMENT,
                        () -> client().heartbeat(HeartbeatRequest.newBuilder()
                                .setUuid(uuid)
                                .setResource(report(uuid, 150).toBuilder().setUsedMemoryBytes(-1))
                                .build()))
                .getStatus()
                .getDescription();
        assertTrue(
                described.contains("resource.cpu_usage_percent: must be less than or equal to 100")
                        && described.contains("resource.used_memory_bytes: must be greater than or equal to 0"),
                described);
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().updateNodeResource(UpdateNodeResourceRequest.newBuilder()
                        .setResource(report(uuid, 10).toBuilder().setUsedDiskBytes(Long.MAX_VALUE))
                        .build()));
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().updateNodeResource(UpdateNodeResourceRequest.getDefaultInstance()));
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().updateNode(UpdateNodeRequest.newBuilder()
                        .setUuid(uuid)
                        .setNode(Node.newBuilder().setStatus("exploded"))
                        .build()));
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().listNodes(ListNodesRequest.newBuilder()
                        .setStatusFilter("gone")
                        .build()));
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().listNodes(
                                ListNodesRequest.newBuilder().setPageSize(1001).build()));
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().listNodes(ListNodesRequest.newBuilder()
                        .setPageSize(5)
                        .setPageToken("made-up")
                        .build()));

        String stranger = UUID.randomUUID().toString();
        refused(
                Status.Code.NOT_FOUND,
                () -> client().heartbeat(
                                HeartbeatRequest.newBuilder().setUuid(stranger).build()));
        refused(
                Status.Code.NOT_FOUND,
                () -> client().deleteNode(
                                DeleteNodeRequest.newBuilder().setUuid(stranger).build()));
        refused(
                Status.Code.NOT_FOUND,
                () -> client().updateNode(UpdateNodeRequest.newBuilder()
                        .setUuid(stranger)
                        .setNode(Node.newBuilder().setIpAddress("10.2.0.1").setPort(7000))
                        .build()));
        refused(Status.Code.NOT_FOUND, () -> sendReport(stranger, 1));
        refused(
                Status.Code.FAILED_PRECONDITION,
                () -> client().updateNode(UpdateNodeRequest.newBuilder()
                        .setUuid(uuid)
                        .setExpectedRevision(999)
                        .setNode(Node.newBuilder()
                                .setIpAddress("10.2.0.1")
                                .setPort(7000)
                                .setName("late"))
                        .build()));
        refused(
                Status.Code.NOT_FOUND,
                () -> client().getNode(
                                GetNodeRequest.newBuilder().setUuid(stranger).build()));

        // nothing refused changed the node
        Node node = client().getNode(GetNodeRequest.newBuilder().setUuid(uuid).build())
                .getNode();
        assertEquals("grpc-errors", node.getName());
        assertEquals(1, node.getRevision());
    }

    @Test
    void updatesReplaceTheNodeAsSpearsDoAndHonourTheExpectedRevision() {
        String uuid = register("update");
        Node updated = client().updateNode(UpdateNodeRequest.newBuilder()
                        .setUuid(uuid)
                        .setExpectedRevision(1)
                        .setNode(Node.newBuilder()
                                .setIpAddress("10.2.0.9")
                                .setPort(7001)
                                .setHttpPort(8081)
                                .setStatus("maintenance")
                                .putMetadata("drain", "true"))
                        .build())
                .getNode();
        assertEquals("maintenance", updated.getStatus());
        assertEquals("decommissioning", updated.getState());
        assertEquals(Map.of("drain", "true"), updated.getMetadataMap(), "metadata replaced, not merged");
        assertEquals("", updated.getName(), "a name not sent is no longer the node's");
        assertEquals("10.2.0.9", updated.getIpAddress());
        assertEquals(7001, updated.getPort());
        assertEquals(8081, updated.getHttpPort());
        assertEquals(2, updated.getRevision());

        // the uuid may come in the node alone, as Spear's server reads it; this service's words too
        Node again = client().updateNode(UpdateNodeRequest.newBuilder()
                        .setNode(updated.toBuilder().setStatus("active"))
                        .build())
                .getNode();
        assertEquals("online", again.getStatus());
        assertEquals(3, again.getRevision());
        assertEquals(
                again,
                client().updateNode(
                                UpdateNodeRequest.newBuilder().setNode(again).build())
                        .getNode(),
                "the same node again changes nothing");
    }

    @Test
    void aKnownUuidRegistersAgainKeepingItsHistoryAndReport() {
        String uuid = register("again");
        Node first = client().getNode(GetNodeRequest.newBuilder().setUuid(uuid).build())
                .getNode();
        Iterator<WatchEvent> events = watch(WatchRequest.newBuilder()
                .addNodeUuids(uuid)
                .addTypes("node_status_changed")
                .addTypes("node_updated")
                .setSinceRevision(revisionOfAReport(uuid, 42.5))
                .build());
        client().updateNode(UpdateNodeRequest.newBuilder()
                .setNode(first.toBuilder().setStatus("offline"))
                .build());
        assertEquals("inactive", events.next().getNewState());

        RegisterNodeRequest agent = RegisterNodeRequest.newBuilder()
                .setNode(Node.newBuilder()
                        .setUuid(uuid)
                        .setIpAddress("agent-7.spear.svc")
                        .setPort(7100)
                        .setHttpPort(8081)
                        .setStatus("online")
                        .putMetadata("name", "agent-7"))
                .build();
        RegisterNodeResponse again = client().registerNode(agent);
        assertTrue(again.getSuccess());
        assertEquals(uuid, again.getNodeUuid());
        Node renewed = again.getNode();
        assertEquals("online", renewed.getStatus());
        assertEquals("agent-7.spear.svc", renewed.getIpAddress());
        assertEquals(7100, renewed.getPort());
        assertEquals(8081, renewed.getHttpPort());
        assertEquals(Map.of("name", "agent-7"), renewed.getMetadataMap());
        assertEquals(first.getRegisteredAt(), renewed.getRegisteredAt());
        assertEquals(
                42.5,
                client().getNodeResource(GetNodeResourceRequest.newBuilder()
                                .setNodeUuid(uuid)
                                .build())
                        .getResource()
                        .getCpuUsagePercent(),
                "the report stays");

        WatchEvent event = events.next();
        assertEquals("node_status_changed", event.getType());
        assertEquals("inactive", event.getOldState());
        assertEquals("active", event.getNewState());

        // the same registration again: success, the same node but for its heartbeat and revision,
        // and exactly one event
        Node repeated = client().registerNode(agent).getNode();
        assertEquals(
                renewed.toBuilder().clearLastHeartbeat().clearRevision().build(),
                repeated.toBuilder().clearLastHeartbeat().clearRevision().build());
        assertEquals(renewed.getRevision() + 2, repeated.getRevision(), "a record change and a beat");
        WatchEvent repeatedEvent = events.next();
        assertEquals("node_updated", repeatedEvent.getType());
        assertEquals(repeated.getRevision(), repeatedEvent.getNode().getRevision());
        client().updateNode(UpdateNodeRequest.newBuilder()
                .setNode(repeated.toBuilder().setStatus("maintenance"))
                .build());
        assertEquals("decommissioning", events.next().getNewState(), "no other event in between");
    }

    /**
     * Sends the report {@code cpu} until a live watch of the node sees it (a watch is registered on
     * the worker pool, after the call returns), and returns that event's revision: a resume point
     * for a watch of what follows.
     */
    private long revisionOfAReport(String uuid, double cpu) {
        Iterator<WatchEvent> live = watch(WatchRequest.newBuilder()
                .addNodeUuids(uuid)
                .addTypes("resource_updated")
                .build());
        CompletableFuture<WatchEvent> first = CompletableFuture.supplyAsync(live::next);
        Awaitility.await("the watch's first event").atMost(WAIT).until(() -> {
            sendReport(uuid, cpu);
            return first.isDone();
        });
        return first.join().getRevision();
    }

    @Test
    void statusesSpeakSpearsWordsAndFiltersTakeBothVocabularies() {
        String zone = "words-" + UUID.randomUUID();
        String online = register(zone);
        String off = register(zone);
        String drained = register(zone);
        Node offNode = client().getNode(GetNodeRequest.newBuilder().setUuid(off).build())
                .getNode();
        client().updateNode(UpdateNodeRequest.newBuilder()
                .setNode(offNode.toBuilder().setStatus("offline"))
                .build());
        Node drainedNode = client().getNode(
                        GetNodeRequest.newBuilder().setUuid(drained).build())
                .getNode();
        client().updateNode(UpdateNodeRequest.newBuilder()
                .setNode(drainedNode.toBuilder().setStatus("decommissioning"))
                .build());

        Map<String, List<String>> byFilter = new java.util.LinkedHashMap<>();
        for (String filter : List.of("online", "active", "offline", "inactive", "maintenance", "ONLINE", "")) {
            byFilter.put(
                    filter,
                    client()
                            .listNodes(ListNodesRequest.newBuilder()
                                    .setStatusFilter(filter)
                                    .putLabels("zone", zone)
                                    .build())
                            .getNodesList()
                            .stream()
                            .map(node -> node.getUuid() + "=" + node.getStatus() + "/" + node.getState())
                            .sorted()
                            .toList());
        }
        assertEquals(List.of(online + "=online/active"), byFilter.get("online"));
        assertEquals(byFilter.get("online"), byFilter.get("active"));
        assertEquals(byFilter.get("online"), byFilter.get("ONLINE"));
        assertEquals(List.of(off + "=offline/inactive"), byFilter.get("offline"));
        assertEquals(byFilter.get("offline"), byFilter.get("inactive"));
        assertEquals(List.of(drained + "=maintenance/decommissioning"), byFilter.get("maintenance"));
        assertEquals(3, byFilter.get("").size());
    }

    @Test
    void listingsPageByLabelAndStatus() {
        String zone = "page-" + UUID.randomUUID();
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uuids.add(register(zone));
        }
        register("elsewhere");
        List<String> seen = new ArrayList<>();
        String token = "";
        do {
            ListNodesResponse page = client().listNodes(ListNodesRequest.newBuilder()
                    .putLabels("zone", zone)
                    .setStatusFilter("active")
                    .setPageSize(2)
                    .setPageToken(token)
                    .build());
            assertTrue(page.getNodesCount() <= 2);
            page.getNodesList().forEach(node -> seen.add(node.getUuid()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        assertEquals(uuids.stream().sorted().toList(), seen);

        assertEquals(
                5,
                client().listNodes(ListNodesRequest.newBuilder()
                                .putLabels("zone", zone)
                                .build())
                        .getNodesCount());
        for (String uuid : uuids) {
            sendReport(uuid, 99);
        }
        assertEquals(
                2,
                client().listNodeResources(ListNodeResourcesRequest.newBuilder()
                                .addAllNodeUuids(uuids)
                                .setPageSize(2)
                                .build())
                        .getResourcesCount());
        assertTrue(client()
                .listNodeResources(ListNodeResourcesRequest.newBuilder()
                        .setHighLoadOnly(true)
                        .setPageSize(1000)
                        .build())
                .getResourcesList()
                .stream()
                .map(NodeResource::getNodeUuid)
                .toList()
                .containsAll(uuids));
    }

    @Test
    void listingsAndTheWatchTakeALabelSelector() {
        String zone = "sel-" + UUID.randomUUID();
        List<String> uuids = List.of(register(zone), register(zone), register(zone + "-other"));
        String selector = "zone in (" + zone + ", " + zone + "-other),zone!=" + zone + "-other";
        assertEquals(
                uuids.subList(0, 2).stream().sorted().toList(),
                client()
                        .listNodes(ListNodesRequest.newBuilder()
                                .setSelector(selector)
                                .build())
                        .getNodesList()
                        .stream()
                        .map(Node::getUuid)
                        .toList());
        assertEquals(
                0,
                client().listNodes(ListNodesRequest.newBuilder()
                                .setSelector(selector)
                                .putLabels("zone", "x")
                                .build())
                        .getNodesCount(),
                "the labels map and the selector both hold");
        sendReport(uuids.get(2), 10);
        sendReport(uuids.get(1), 10);
        assertEquals(
                List.of(uuids.get(1)),
                client()
                        .listNodeResources(ListNodeResourcesRequest.newBuilder()
                                .setSelector("zone=" + zone)
                                .build())
                        .getResourcesList()
                        .stream()
                        .map(NodeResource::getNodeUuid)
                        .toList());
        sendReport(uuids.get(0), 30);
        assertEquals(
                List.of(uuids.get(0)),
                client()
                        .listNodeResources(ListNodeResourcesRequest.newBuilder()
                                .setSelector("zone=" + zone)
                                .setFilter("cpu_usage_percent>=20")
                                .setSort("-available_memory_bytes")
                                .setPageSize(5)
                                .build())
                        .getResourcesList()
                        .stream()
                        .map(NodeResource::getNodeUuid)
                        .toList());

        Iterator<WatchEvent> other = watch(WatchRequest.newBuilder()
                .setSelector("zone notin (" + zone + ")")
                .addNodeUuids(uuids.get(0))
                .addNodeUuids(uuids.get(2))
                .build());
        CompletableFuture<List<WatchEvent>> two =
                CompletableFuture.supplyAsync(() -> List.of(other.next(), other.next()));
        Awaitility.await("the watch's first two events").atMost(WAIT).until(() -> {
            sendReport(uuids.get(0), Math.random() * 90);
            sendReport(uuids.get(2), Math.random() * 90);
            return two.isDone();
        });
        assertEquals(
                List.of(uuids.get(2), uuids.get(2)),
                two.join().stream().map(WatchEvent::getNodeUuid).toList(),
                "the node in the selected zone never passes");

        String described = refused(
                        Status.Code.INVALID_ARGUMENT,
                        () -> client().listNodes(ListNodesRequest.newBuilder()
                                .setSelector("zone in (a")
                                .build()))
                .getStatus()
                .getDescription();
        assertTrue(described.contains("selector") && described.contains("position 11"), described);
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().listNodeResources(ListNodeResourcesRequest.newBuilder()
                        .setSelector("=a")
                        .build()));
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().listNodeResources(ListNodeResourcesRequest.newBuilder()
                        .setFilter("cpu_usage_percent<5Q")
                        .build()));
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> client().listNodeResources(ListNodeResourcesRequest.newBuilder()
                        .setSort("cpu")
                        .build()));
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> watch(WatchRequest.newBuilder().setSelector("zone is a").build())
                        .next());
    }

    @Test
    void anUnpagedListingThatWouldNotFitOneMessageAsksForPaging() {
        Node.Builder big = Node.newBuilder().setIpAddress("10.2.9.1").setPort(7000);
        for (int k = 0; k < 63; k++) { // and the zone: the most metadata a node may have
            big.putMetadata("k" + k, "v".repeat(1000));
        }
        String zone = "big-" + UUID.randomUUID();
        List<String> uuids = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) { // 70 x 63 KB: over gRPC's 4 MiB default
                uuids.add(client().registerNode(RegisterNodeRequest.newBuilder()
                                .setNode(big.putMetadata("zone", zone))
                                .build())
                        .getNodeUuid());
            }
            String described = refused(
                            Status.Code.RESOURCE_EXHAUSTED,
                            () -> client().listNodes(ListNodesRequest.newBuilder()
                                    .putLabels("zone", zone)
                                    .build()))
                    .getStatus()
                    .getDescription();
            assertTrue(described.contains("set page_size"), described);
            assertEquals(
                    50,
                    client().listNodes(ListNodesRequest.newBuilder()
                                    .putLabels("zone", zone)
                                    .setPageSize(50)
                                    .build())
                            .getNodesCount());
        } finally {
            uuids.forEach(uuid -> client().deleteNode(
                            DeleteNodeRequest.newBuilder().setUuid(uuid).build()));
        }
    }

    @Test
    void aHeartbeatStreamAnswersEachBeatInOrderAndEndsAtTheFirstBadOne() throws Exception {
        String first = register("stream-a");
        String second = register("stream-b");
        HeartbeatStreamClient beats = HeartbeatStreamClient.open(async);
        for (int i = 0; i < 100; i++) {
            String uuid = i % 2 == 0 ? first : second;
            beats.send(HeartbeatRequest.newBuilder()
                    .setUuid(uuid)
                    .setResource(report(uuid, i))
                    .build());
        }
        long lastFirst = 0;
        for (int i = 0; i < 100; i++) {
            HeartbeatResponse answer = beats.answer();
            assertEquals(i % 2 == 0 ? first : second, answer.getUuid(), "answer " + i);
            if (i % 2 == 0) {
                assertTrue(answer.getRevision() > lastFirst);
                lastFirst = answer.getRevision();
            }
        }
        assertEquals(
                98.0,
                client().getNodeResource(GetNodeResourceRequest.newBuilder()
                                .setNodeUuid(first)
                                .build())
                        .getResource()
                        .getCpuUsagePercent());

        beats.send(HeartbeatRequest.newBuilder()
                .setUuid(first)
                .setResource(report(first, -5))
                .build());
        beats.send(HeartbeatRequest.newBuilder()
                .setUuid(first)
                .setResource(report(first, 5))
                .build());
        Status end = beats.ended();
        assertEquals(Status.Code.INVALID_ARGUMENT, end.getCode());
        assertTrue(end.getDescription().contains("resource.cpu_usage_percent"), end.getDescription());
        assertEquals(
                98.0,
                client().getNodeResource(GetNodeResourceRequest.newBuilder()
                                .setNodeUuid(first)
                                .build())
                        .getResource()
                        .getCpuUsagePercent(),
                "nothing after the bad beat was stored");
    }

    @Test
    void aStreamTheClientClosesIsCompleted() throws Exception {
        String uuid = register("stream-done");
        HeartbeatStreamClient beats = HeartbeatStreamClient.open(async);
        for (int i = 0; i < 3; i++) {
            beats.send(HeartbeatRequest.newBuilder().setUuid(uuid).build());
        }
        beats.close();
        for (int i = 0; i < 3; i++) {
            assertEquals(uuid, beats.answer().getUuid());
        }
        assertEquals(Status.Code.OK, beats.ended().getCode());
    }

    @Test
    void watchSendsTheChangesAndResumesAfterARevision() {
        String uuid = register("watch");
        Iterator<WatchEvent> live =
                watch(WatchRequest.newBuilder().addNodeUuids(uuid).build());
        // the watch is registered on the worker pool: beat until the first event arrives
        CompletableFuture<WatchEvent> first = CompletableFuture.supplyAsync(live::next);
        Awaitility.await("the watch's first event").atMost(WAIT).until(() -> {
            sendReport(uuid, Math.random() * 90);
            return first.isDone();
        });
        WatchEvent event = first.join();
        assertEquals("resource_updated", event.getType());
        assertEquals(uuid, event.getNodeUuid());

        client().updateNode(UpdateNodeRequest.newBuilder()
                .setUuid(uuid)
                .setNode(
                        Node.newBuilder().setIpAddress("10.2.0.1").setPort(7000).setName("watched"))
                .build());
        WatchEvent renamed;
        do {
            renamed = live.next();
        } while (!renamed.getType().equals("node_updated"));
        assertEquals("watched", renamed.getNode().getName());

        Iterator<WatchEvent> resumed = watch(WatchRequest.newBuilder()
                .addNodeUuids(uuid)
                .setSinceRevision(event.getRevision() - 1)
                .build());
        assertEquals(event.getRevision(), resumed.next().getRevision());

        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> watch(WatchRequest.newBuilder().addTypes("node_exploded").build())
                        .next());
        refused(
                Status.Code.INVALID_ARGUMENT,
                () -> watch(WatchRequest.newBuilder().setSinceRevision(-1).build())
                        .next());
    }

    @Test
    void healthAnswersReadinessAndReflectionListsTheServices() throws Exception {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        assertEquals(
                ServingStatus.SERVING,
                health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertEquals(
                ServingStatus.SERVING,
                health.check(HealthCheckRequest.newBuilder()
                                .setService("sms.NodeService")
                                .build())
                        .getStatus());
        refused(
                Status.Code.NOT_FOUND,
                () -> health.check(
                        HealthCheckRequest.newBuilder().setService("nope").build()));

        CompletableFuture<List<String>> services = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> ask = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        services.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName)
                                .toList());
                    }

                    @Override
                    public void onError(Throwable error) {
                        services.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {}
                });
        ask.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        List<String> names = services.get(10, TimeUnit.SECONDS);
        ask.onCompleted();
        assertTrue(names.contains("sms.NodeService") && names.contains("grpc.health.v1.Health"), names.toString());
    }

    @Test
    void metricsCountCallsPerMethodWithoutUuids() {
        String uuid = register("metrics");
        client().heartbeat(HeartbeatRequest.newBuilder().setUuid(uuid).build());
        refused(
                Status.Code.NOT_FOUND,
                () -> client().heartbeat(HeartbeatRequest.newBuilder()
                        .setUuid(UUID.randomUUID().toString())
                        .build()));
        given().accept("application/openmetrics-text")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("grpc_server_processing_duration_seconds_count{method=\"Heartbeat\""))
                .body(containsString("status_code=\"NOT_FOUND\""))
                .body(not(containsString(uuid)));
    }
}
