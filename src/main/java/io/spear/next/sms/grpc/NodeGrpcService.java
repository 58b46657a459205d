package io.spear.next.sms.grpc;

import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeFields;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.Page;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.registry.query.ReportFilter;
import io.spear.next.sms.grpc.v1.DeleteNodeRequest;
import io.spear.next.sms.grpc.v1.DeleteNodeResponse;
import io.spear.next.sms.grpc.v1.GetNodeRequest;
import io.spear.next.sms.grpc.v1.GetNodeResourceRequest;
import io.spear.next.sms.grpc.v1.GetNodeResourceResponse;
import io.spear.next.sms.grpc.v1.GetNodeResponse;
import io.spear.next.sms.grpc.v1.GetNodeWithResourceRequest;
import io.spear.next.sms.grpc.v1.GetNodeWithResourceResponse;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.HeartbeatResponse;
import io.spear.next.sms.grpc.v1.ListNodeResourcesRequest;
import io.spear.next.sms.grpc.v1.ListNodeResourcesResponse;
import io.spear.next.sms.grpc.v1.ListNodesRequest;
import io.spear.next.sms.grpc.v1.ListNodesResponse;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.sms.grpc.v1.RegisterNodeRequest;
import io.spear.next.sms.grpc.v1.RegisterNodeResponse;
import io.spear.next.sms.grpc.v1.UpdateNodeRequest;
import io.spear.next.sms.grpc.v1.UpdateNodeResourceRequest;
import io.spear.next.sms.grpc.v1.UpdateNodeResourceResponse;
import io.spear.next.sms.grpc.v1.UpdateNodeResponse;
import io.spear.next.sms.grpc.v1.WatchEvent;
import io.spear.next.sms.grpc.v1.WatchRequest;
import io.spear.next.sms.nodes.NodeService;
import io.spear.next.sms.nodes.TooManyItemsException;
import io.spear.next.sms.security.Roles;
import io.spear.next.sms.watch.WatchFilter;
import io.spear.next.sms.watch.WatchHub;
import jakarta.annotation.security.RolesAllowed;
import java.util.OptionalLong;

/**
 * Spear's {@code sms.NodeService} over gRPC (port {@code quarkus.grpc.server.port}, 50051): each
 * method maps its request to the node service's command, and the result back to the original's
 * response fields; errors become status codes ({@link GrpcErrors}). Quarkus runs each method, its
 * role check included, on the worker pool, but for the agents' registrations, heartbeats and reports: those are
 * checked and queued on the event loop that read them ({@link AgentWrites}), and answered from the
 * registry's writer once durable.
 */
@GrpcService
@Blocking
public class NodeGrpcService extends NodeServiceGrpc.NodeServiceImplBase {

    /** gRPC's default limit on a message a client accepts (4 MiB): an unpaged listing stays under it. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private final NodeService nodes;
    private final AgentWrites writes;
    private final WatchHub hub;
    private final OpenStreams streams;

    NodeGrpcService(NodeService nodes, AgentWrites writes, WatchHub hub, OpenStreams streams) {
        this.nodes = nodes;
        this.writes = writes;
        this.hub = hub;
        this.streams = streams;
    }

    /** Bytes that are no request message: INVALID_ARGUMENT from here, not grpc-java's UNKNOWN. */
    @Override
    public ServerServiceDefinition bindService() {
        return UnreadableMessages.refusedAsInvalid(super.bindService());
    }

    /**
     * A known uuid registers again, as Spear's server lets its agents do after a restart or a lost
     * beat. On the event loop: {@link AgentWrites} checks the role and queues the registration.
     */
    @Override
    @NonBlocking
    public void registerNode(RegisterNodeRequest request, StreamObserver<RegisterNodeResponse> response) {
        GrpcCalls.later(response, () -> writes.register(request));
    }

    /** Replaces the node's description, as Spear's server does; the uuid may come in the node alone. */
    @Override
    @RolesAllowed(Roles.ADMIN)
    public void updateNode(UpdateNodeRequest request, StreamObserver<UpdateNodeResponse> response) {
        GrpcCalls.unary(response, () -> {
            String bodyUuid = request.getNode().getUuid();
            String uuid = NodeRegistry.canonicalUuid(request.getUuid().isEmpty() ? bodyUuid : request.getUuid());
            if (!bodyUuid.isEmpty() && !bodyUuid.equalsIgnoreCase(uuid)) {
                throw new InvalidFieldException(
                        "node.uuid", "must be empty or the uuid being updated, got '" + bodyUuid + "'");
            }
            OptionalLong expected = request.getExpectedRevision() == 0
                    ? OptionalLong.empty()
                    : OptionalLong.of(request.getExpectedRevision());
            io.spear.next.registry.Node node = nodes.replace(
                    uuid,
                    ProtoForm.registration(request.getNode()),
                    SpearStatus.filter("node.status", request.getNode().getStatus()),
                    expected);
            return UpdateNodeResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage("node updated")
                    .setNode(ProtoForm.node(node))
                    .build();
        });
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public void deleteNode(DeleteNodeRequest request, StreamObserver<DeleteNodeResponse> response) {
        GrpcCalls.unary(response, () -> {
            nodes.remove(request.getUuid());
            return DeleteNodeResponse.newBuilder()
                    .setSuccess(true)
                    .setMessage("node removed")
                    .build();
        });
    }

    /** On the event loop: {@link AgentWrites} checks the role and queues the beat, no worker needed. */
    @Override
    @NonBlocking
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
        GrpcCalls.later(response, () -> writes.heartbeat(request));
    }

    /**
     * On the event loop, beats included. A caller without the role is refused as the stream opens,
     * and each beat is checked too ({@link AgentWrites}): the check at the open completes later,
     * and no beat that arrives before it may be stored unchecked.
     */
    @Override
    @NonBlocking
    public StreamObserver<HeartbeatRequest> streamHeartbeats(StreamObserver<HeartbeatResponse> responses) {
        HeartbeatStream stream = new HeartbeatStream(
                (ServerCallStreamObserver<HeartbeatResponse>) responses, writes::heartbeat, streams);
        writes.admitted().whenComplete((admitted, refused) -> {
            if (refused != null) {
                stream.refuse(refused);
            }
        });
        return stream;
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void listNodes(ListNodesRequest request, StreamObserver<ListNodesResponse> response) {
        GrpcCalls.unary(response, () -> {
            Page<NodeFields> page = nodes.listNodes(
                    SpearStatus.filter("status_filter", request.getStatusFilter()),
                    LabelSelector.parse(request.getSelector(), request.getLabelsMap()),
                    request.getPageSize(),
                    request.getPageToken());
            ListNodesResponse.Builder out = ListNodesResponse.newBuilder().setNextPageToken(token(page));
            page.items().forEach(node -> out.addNodes(ProtoForm.node(node)));
            return fits(out.build(), request.getPageSize(), "nodes");
        });
    }

    /** An unknown node is NOT_FOUND, as Spear's server and its tests have it. */
    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void getNode(GetNodeRequest request, StreamObserver<GetNodeResponse> response) {
        GrpcCalls.unary(
                response,
                () -> GetNodeResponse.newBuilder()
                        .setFound(true)
                        .setNode(ProtoForm.node(nodes.require(request.getUuid())))
                        .build());
    }

    @Override
    @NonBlocking
    public void updateNodeResource(
            UpdateNodeResourceRequest request, StreamObserver<UpdateNodeResourceResponse> response) {
        GrpcCalls.later(response, () -> writes.report(request));
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void getNodeResource(GetNodeResourceRequest request, StreamObserver<GetNodeResourceResponse> response) {
        GrpcCalls.unary(
                response,
                () -> nodes.resource(request.getNodeUuid())
                        .map(report -> GetNodeResourceResponse.newBuilder()
                                .setFound(true)
                                .setResource(ProtoForm.resource(report))
                                .build())
                        .orElseGet(() -> GetNodeResourceResponse.newBuilder()
                                .setFound(false)
                                .build()));
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void listNodeResources(
            ListNodeResourcesRequest request, StreamObserver<ListNodeResourcesResponse> response) {
        GrpcCalls.unary(response, () -> {
            Page<io.spear.next.registry.NodeResource> page = nodes.listResources(
                    request.getNodeUuidsList(),
                    request.getHighLoadOnly(),
                    LabelSelector.parse(request.getSelector()),
                    ReportFilter.parse(request.getFilter()),
                    ReportFilter.order(request.getSort()),
                    request.getPageSize(),
                    request.getPageToken());
            ListNodeResourcesResponse.Builder out =
                    ListNodeResourcesResponse.newBuilder().setNextPageToken(token(page));
            page.items().forEach(report -> out.addResources(ProtoForm.resource(report)));
            return fits(out.build(), request.getPageSize(), "reports");
        });
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void getNodeWithResource(
            GetNodeWithResourceRequest request, StreamObserver<GetNodeWithResourceResponse> response) {
        GrpcCalls.unary(
                response,
                () -> nodes.withResource(request.getUuid())
                        .map(both -> {
                            GetNodeWithResourceResponse.Builder out = GetNodeWithResourceResponse.newBuilder()
                                    .setFound(true)
                                    .setNode(ProtoForm.node(both.node()));
                            if (both.resource() != null) {
                                out.setResource(ProtoForm.resource(both.resource()));
                            }
                            return out.build();
                        })
                        .orElseGet(() -> GetNodeWithResourceResponse.newBuilder()
                                .setFound(false)
                                .build()));
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void watch(WatchRequest request, StreamObserver<WatchEvent> events) {
        GrpcWatchSink sink = new GrpcWatchSink((ServerCallStreamObserver<WatchEvent>) events);
        GrpcCalls.start(sink::fail, () -> {
            WatchFilter filter = WatchFilter.parse(
                    SpearStatus.filter("status", request.getStatus()),
                    LabelSelector.parse(request.getSelector(), request.getLabelsMap()),
                    request.getNodeUuidsList(),
                    request.getTypesList());
            if (request.hasSinceRevision() && request.getSinceRevision() < 0) {
                throw new InvalidFieldException(
                        "since_revision",
                        "must be a revision (a whole number from 0), got " + request.getSinceRevision());
            }
            hub.watch(filter, hub.resumePoint(request.hasSinceRevision() ? request.getSinceRevision() : null), sink);
        });
    }

    private static String token(Page<?> page) {
        return page.nextPageToken() == null ? "" : page.nextPageToken();
    }

    /** An unpaged answer too large for a client's default limit is refused, as too many items are. */
    private static <M extends com.google.protobuf.Message> M fits(M answer, int pageSize, String what) {
        if (pageSize == 0 && answer.getSerializedSize() > MAX_MESSAGE_BYTES) {
            throw new TooManyItemsException(what, "over 4 MiB");
        }
        return answer;
    }
}
