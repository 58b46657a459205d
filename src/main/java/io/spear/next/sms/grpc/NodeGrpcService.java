package io.spear.next.sms.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeQuery;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.NodeWithResource;
import io.spear.next.registry.Page;
import io.spear.next.registry.ResourceQuery;
import io.spear.next.sms.api.HeartbeatRequest;
import io.spear.next.sms.api.InvalidFieldsException;
import io.spear.next.sms.api.Limits;
import io.spear.next.sms.api.ResourceReport;
import io.spear.next.sms.grpc.v1.DeleteNodeRequest;
import io.spear.next.sms.grpc.v1.DeleteNodeResponse;
import io.spear.next.sms.grpc.v1.GetNodeRequest;
import io.spear.next.sms.grpc.v1.GetNodeResourceRequest;
import io.spear.next.sms.grpc.v1.GetNodeResourceResponse;
import io.spear.next.sms.grpc.v1.GetNodeResponse;
import io.spear.next.sms.grpc.v1.GetNodeWithResourceRequest;
import io.spear.next.sms.grpc.v1.GetNodeWithResourceResponse;
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
import io.spear.next.sms.security.Roles;
import io.spear.next.sms.watch.WatchFilter;
import io.spear.next.sms.watch.WatchHub;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Spear's {@code sms.NodeService} over gRPC (port {@code quarkus.grpc.server.port}, 50051): each
 * method makes the registry call of the matching REST route, with the same checks, answering with
 * the original's response fields and status codes for errors ({@link GrpcErrors}). Every method
 * is blocking: Quarkus runs it, its role check included, on the worker pool.
 */
@GrpcService
@Blocking
public class NodeGrpcService extends NodeServiceGrpc.NodeServiceImplBase {

    /** The most items a listing without page_size returns; more must be paged. */
    static final int UNPAGED_MAX = 10_000;
    /** gRPC's default limit on a message a client accepts (4 MiB): an unpaged listing stays under it. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private final GrpcRegistries registries;
    private final WatchHub hub;
    private final Validator validator;
    private final OpenStreams streams;

    NodeGrpcService(GrpcRegistries registries, WatchHub hub, Validator validator, OpenStreams streams) {
        this.registries = registries;
        this.hub = hub;
        this.validator = validator;
        this.streams = streams;
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public void registerNode(RegisterNodeRequest request, StreamObserver<RegisterNodeResponse> response) {
        GrpcCalls.unary(response, () -> {
            io.spear.next.registry.Node node = registries.nodes().register(valid(ProtoForm.registration(request.getNode()))
                    .toRegistration());
            registries.metrics().registered();
            return RegisterNodeResponse.newBuilder().setSuccess(true).setMessage("node registered")
                    .setNodeUuid(node.uuid()).setNode(ProtoForm.node(node)).build();
        });
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public void updateNode(UpdateNodeRequest request, StreamObserver<UpdateNodeResponse> response) {
        GrpcCalls.unary(response, () -> {
            String uuid = NodeRegistry.canonicalUuid(request.getUuid());
            String bodyUuid = request.getNode().getUuid();
            if (!bodyUuid.isEmpty() && !bodyUuid.equalsIgnoreCase(uuid)) {
                throw new InvalidFieldException("node.uuid", "must be empty or the uuid being updated, got '"
                        + bodyUuid + "'");
            }
            OptionalLong expected = request.getExpectedRevision() == 0
                    ? OptionalLong.empty() : OptionalLong.of(request.getExpectedRevision());
            io.spear.next.registry.Node node = registries.nodes().update(uuid,
                    valid(ProtoForm.update(request.getNode(), request.getRemoveMetadataKeysList())).toUpdate(),
                    expected);
            return UpdateNodeResponse.newBuilder().setSuccess(true).setMessage("node updated")
                    .setNode(ProtoForm.node(node)).build();
        });
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public void deleteNode(DeleteNodeRequest request, StreamObserver<DeleteNodeResponse> response) {
        GrpcCalls.unary(response, () -> {
            if (!registries.nodes().remove(request.getUuid())) {
                throw new io.spear.next.registry.NodeNotFoundException(NodeRegistry.canonicalUuid(request.getUuid()));
            }
            return DeleteNodeResponse.newBuilder().setSuccess(true).setMessage("node removed").build();
        });
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public void heartbeat(io.spear.next.sms.grpc.v1.HeartbeatRequest request,
            StreamObserver<HeartbeatResponse> response) {
        GrpcCalls.unary(response, () -> beat(request));
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public StreamObserver<io.spear.next.sms.grpc.v1.HeartbeatRequest> streamHeartbeats(
            StreamObserver<HeartbeatResponse> responses) {
        return new HeartbeatStream((ServerCallStreamObserver<HeartbeatResponse>) responses, this::beat, streams);
    }

    /** One heartbeat, as the REST route takes it: the report checked, then one registry write. */
    private HeartbeatResponse beat(io.spear.next.sms.grpc.v1.HeartbeatRequest request) {
        HeartbeatRequest beat = new HeartbeatRequest(request.getHealthInfoCount() == 0 ? null : request.getHealthInfoMap(),
                request.hasResource() ? ProtoForm.report(request.getResource()) : null);
        NodeWithResource stored = registries.nodes().heartbeat(request.getUuid(), beat.healthInfo(), beat.checkedReport());
        registries.metrics().heartbeat();
        return HeartbeatResponse.newBuilder().setSuccess(true).setMessage("ok")
                .setServerTimestamp(stored.node().lastHeartbeat()).setStatus(stored.node().status().wireName())
                .setRevision(stored.node().revision()).setUuid(stored.node().uuid()).build();
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void listNodes(ListNodesRequest request, StreamObserver<ListNodesResponse> response) {
        GrpcCalls.unary(response, () -> {
            NodeStatus status = request.getStatusFilter().isEmpty() ? null : NodeStatus.parse(request.getStatusFilter());
            ListNodesResponse.Builder out = ListNodesResponse.newBuilder();
            String next = pages(request.getPageSize(), request.getPageToken(),
                    (limit, token) -> registries.nodes().list(new NodeQuery(status, request.getLabelsMap(), limit, token)),
                    node -> out.addNodes(ProtoForm.node(node)), "nodes");
            return fits(out.setNextPageToken(next == null ? "" : next).build(), request.getPageSize(), "nodes");
        });
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void getNode(GetNodeRequest request, StreamObserver<io.spear.next.sms.grpc.v1.GetNodeResponse> response) {
        GrpcCalls.unary(response, () -> registries.nodes().get(request.getUuid())
                .map(node -> GetNodeResponse.newBuilder().setFound(true).setNode(ProtoForm.node(node)).build())
                .orElseGet(() -> GetNodeResponse.newBuilder().setFound(false).build()));
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public void updateNodeResource(UpdateNodeResourceRequest request,
            StreamObserver<UpdateNodeResourceResponse> response) {
        GrpcCalls.unary(response, () -> {
            if (!request.hasResource()) {
                throw new InvalidFieldException("resource", "must not be null");
            }
            io.spear.next.registry.NodeResource stored = registries.resources().update(request.getResource().getNodeUuid(),
                    ResourceReport.checked(ProtoForm.report(request.getResource())));
            return UpdateNodeResourceResponse.newBuilder().setSuccess(true).setMessage("resource updated")
                    .setResource(ProtoForm.resource(stored)).build();
        });
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void getNodeResource(GetNodeResourceRequest request, StreamObserver<GetNodeResourceResponse> response) {
        GrpcCalls.unary(response, () -> registries.resources().get(request.getNodeUuid())
                .map(report -> GetNodeResourceResponse.newBuilder().setFound(true)
                        .setResource(ProtoForm.resource(report)).build())
                .orElseGet(() -> GetNodeResourceResponse.newBuilder().setFound(false).build()));
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void listNodeResources(ListNodeResourcesRequest request, StreamObserver<ListNodeResourcesResponse> response) {
        GrpcCalls.unary(response, () -> {
            if (request.getNodeUuidsCount() > UNPAGED_MAX) {
                throw new InvalidFieldException("node_uuids", "at most " + UNPAGED_MAX + " uuids");
            }
            ListNodeResourcesResponse.Builder out = ListNodeResourcesResponse.newBuilder();
            String next = pages(request.getPageSize(), request.getPageToken(),
                    (limit, token) -> registries.resources().list(new ResourceQuery(request.getNodeUuidsList(),
                            request.getHighLoadOnly(), limit, token)),
                    report -> out.addResources(ProtoForm.resource(report)), "reports");
            return fits(out.setNextPageToken(next == null ? "" : next).build(), request.getPageSize(), "reports");
        });
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void getNodeWithResource(GetNodeWithResourceRequest request,
            StreamObserver<GetNodeWithResourceResponse> response) {
        GrpcCalls.unary(response, () -> registries.resources().nodeWithResource(request.getUuid())
                .map(both -> {
                    GetNodeWithResourceResponse.Builder out = GetNodeWithResourceResponse.newBuilder().setFound(true)
                            .setNode(ProtoForm.node(both.node()));
                    if (both.resource() != null) {
                        out.setResource(ProtoForm.resource(both.resource()));
                    }
                    return out.build();
                })
                .orElseGet(() -> GetNodeWithResourceResponse.newBuilder().setFound(false).build()));
    }

    @Override
    @RolesAllowed({Roles.READER, Roles.ADMIN})
    public void watch(WatchRequest request, StreamObserver<WatchEvent> events) {
        GrpcWatchSink sink = new GrpcWatchSink((ServerCallStreamObserver<WatchEvent>) events);
        GrpcCalls.start(sink::fail, () -> {
            WatchFilter filter = WatchFilter.parse(request.getStatus(), request.getLabelsMap(), request.getNodeUuidsList(),
                    request.getTypesList());
            if (request.hasSinceRevision() && request.getSinceRevision() < 0) {
                throw new InvalidFieldException("since_revision", "must be a revision (a whole number from 0), got "
                        + request.getSinceRevision());
            }
            hub.watch(filter, hub.resumePoint(request.hasSinceRevision() ? request.getSinceRevision() : null), sink);
        });
    }

    /** One listing request's answer: one page, or with page_size 0 every item up to UNPAGED_MAX. */
    private <T> String pages(int pageSize, String pageToken, PageReader<T> reader, Consumer<T> add,
            String what) {
        if (pageSize < 0 || pageSize > Limits.MAX_PAGE) {
            throw new InvalidFieldException("page_size", "must be from 1 to " + Limits.MAX_PAGE
                    + " (0: every one, up to " + UNPAGED_MAX + "), got " + pageSize);
        }
        String token = pageToken.isEmpty() ? null : pageToken;
        if (pageSize > 0) {
            Page<T> page = reader.read(pageSize, token);
            page.items().forEach(add);
            return page.nextPageToken();
        }
        List<T> all = new ArrayList<>();
        do {
            Page<T> page = reader.read(Limits.MAX_PAGE, token);
            all.addAll(page.items());
            token = page.nextPageToken();
            if (all.size() > UNPAGED_MAX) {
                throw tooMany(what);
            }
        } while (token != null);
        all.forEach(add);
        return null;
    }

    /** An unpaged answer too large for a client's default limit is refused, as too many items are. */
    private static <M extends com.google.protobuf.Message> M fits(M answer, int pageSize, String what) {
        if (pageSize == 0 && answer.getSerializedSize() > MAX_MESSAGE_BYTES) {
            throw tooMany(what);
        }
        return answer;
    }

    private static StatusRuntimeException tooMany(String what) {
        return Status.RESOURCE_EXHAUSTED.withDescription("the " + what + " that match do not fit one message (more "
                + "than " + UNPAGED_MAX + ", or over 4 MiB): set page_size (1 to " + Limits.MAX_PAGE
                + ") and follow next_page_token").asRuntimeException();
    }

    @FunctionalInterface
    private interface PageReader<T> {
        Page<T> read(int limit, String token);
    }

    private <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw InvalidFieldsException.of(violations);
        }
        return request;
    }
}
