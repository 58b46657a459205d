package io.spear.next.sms.grpc;

import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.Node;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.HeartbeatResponse;
import io.spear.next.sms.grpc.v1.RegisterNodeRequest;
import io.spear.next.sms.grpc.v1.RegisterNodeResponse;
import io.spear.next.sms.grpc.v1.UpdateNodeResourceRequest;
import io.spear.next.sms.grpc.v1.UpdateNodeResourceResponse;
import io.spear.next.sms.nodes.Heartbeat;
import io.spear.next.sms.nodes.NodeService;
import io.spear.next.sms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The agents' registrations, heartbeats and reports over gRPC, unary or streamed, role check
 * included, on the event loop that read them: each is checked and queued for the registry's writer, and answered
 * from there once durable. The methods return a {@link CompletionStage}, so Quarkus checks the
 * caller's role without blocking (a method returning a plain value would need a worker for it,
 * one thread hand-off per beat).
 */
@ApplicationScoped
public class AgentWrites {

    private final NodeService nodes;

    AgentWrites(NodeService nodes) {
        this.nodes = nodes;
    }

    /** Completes if the caller may send beats; for a stream, which is refused at once without waiting for a beat. */
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public CompletionStage<Void> admitted() {
        return CompletableFuture.completedFuture(null);
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public CompletionStage<RegisterNodeResponse> register(RegisterNodeRequest request) {
        return nodes.registerOrRenew(ProtoForm.registration(request.getNode()))
                .thenApply(registration -> RegisterNodeResponse.newBuilder()
                        .setSuccess(true)
                        .setMessage(registration.created() ? "node registered" : "node registered again")
                        .setNodeUuid(registration.node().uuid())
                        .setNode(ProtoForm.node(registration.node()))
                        .build());
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public CompletionStage<HeartbeatResponse> heartbeat(HeartbeatRequest request) {
        Heartbeat beat = new Heartbeat(
                request.getHealthInfoCount() == 0 ? null : request.getHealthInfoMap(),
                request.hasResource() ? ProtoForm.report(request.getResource()) : null);
        return nodes.heartbeat(request.getUuid(), beat).thenApply(AgentWrites::beaten);
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public CompletionStage<UpdateNodeResourceResponse> report(UpdateNodeResourceRequest request) {
        if (!request.hasResource()) {
            return CompletableFuture.failedFuture(new InvalidFieldException("resource", "must not be null"));
        }
        return nodes.report(request.getResource().getNodeUuid(), ProtoForm.report(request.getResource()))
                .thenApply(stored -> UpdateNodeResourceResponse.newBuilder()
                        .setSuccess(true)
                        .setMessage("resource updated")
                        .setResource(ProtoForm.resource(stored))
                        .build());
    }

    private static HeartbeatResponse beaten(Node stored) {
        return HeartbeatResponse.newBuilder()
                .setSuccess(true)
                .setMessage("ok")
                .setServerTimestamp(stored.lastHeartbeat())
                .setState(stored.status().wireName())
                .setRevision(stored.revision())
                .setUuid(stored.uuid())
                .build();
    }
}
