package io.spear.next.sms.api;

import io.quarkus.vertx.http.Compressed;
import io.smallrye.mutiny.Uni;
import io.spear.next.registry.Node;
import io.spear.next.registry.NodeAlreadyExistsException;
import io.spear.next.registry.NodeNotFoundException;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.NodeWithResource;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.sms.nodes.Heartbeat;
import io.spear.next.sms.nodes.NodeService;
import io.spear.next.sms.nodes.PreconditionFailedException;
import io.spear.next.sms.nodes.RegisterNode;
import io.spear.next.sms.nodes.Report;
import io.spear.next.sms.nodes.UpdateNode;
import io.spear.next.sms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Node registration, queries, updates, removal and heartbeats. */
@Path("/api/v1/nodes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "nodes", description = "Registration, updates and heartbeats of compute nodes")
public class NodesResource {

    private final NodeService service;
    private final NodePageJson pages;

    NodesResource(NodeService service, NodePageJson pages) {
        this.service = service;
        this.pages = pages;
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "registerNode",
            summary = "Register a node",
            description = "201 with the node and its Location; 409 if the uuid is taken, "
                    + "412 instead when If-None-Match says the node must not exist yet")
    @APIResponse(
            responseCode = "201",
            description = "Registered: the node, its Location and its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Node.class)))
    public Uni<RestResponse<Node>> register(
            @Parameter(
                            description =
                                    "* : register only if no node has the body's uuid (412 otherwise); entity tags: "
                                            + "412 if the node with that uuid is at one of them (RFC 9110)")
                    @HeaderParam("If-None-Match")
                    String ifNoneMatch,
            RegisterNode command) {
        EntityTags absentAt = EntityTags.parse("If-None-Match", ifNoneMatch);
        return WorkerPool.call(() -> register(command, absentAt))
                .map(node -> RestResponse.ResponseBuilder.<Node>created(URI.create("/api/v1/nodes/" + node.uuid()))
                        .entity(node)
                        .tag(etag(node))
                        .build());
    }

    /** A taken uuid is a 409, or a 412 when the client's If-None-Match said it expected no such node. */
    private Node register(RegisterNode registration, EntityTags absentAt) {
        try {
            return service.register(registration);
        } catch (NodeAlreadyExistsException taken) {
            if (absentAt != null
                    && (absentAt.any()
                            || service.get(registration.uuid())
                                    .filter(node -> absentAt.matchesWeakly(node.revision()))
                                    .isPresent())) {
                throw new PreconditionFailedException("node " + registration.uuid() + " is already registered, "
                        + "which this request's If-None-Match ruled out: read it with GET, or register another uuid");
            }
            throw taken;
        }
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @PUT
    @Path("/{uuid}/registration")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "registerNodeAgain",
            summary = "Register a node, or register it again",
            description = "What an agent calls at every start: 201 with the node when the uuid is new; 200 when "
                    + "it is known, with its address, ports, name and metadata replaced, its registered_at and "
                    + "report kept, and a heartbeat (active again unless decommissioning). The body's uuid, "
                    + "if any, must be the path's")
    @APIResponse(
            responseCode = "200",
            description = "Registered again: the node and its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Node.class)))
    @APIResponse(
            responseCode = "201",
            description = "Registered: the node, its Location and its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Node.class)))
    public Uni<RestResponse<Node>> registerAgain(@PathParam("uuid") String uuid, RegisterNode body) {
        RegisterNode command = body == null ? null : body.forPath(uuid);
        return Uni.createFrom()
                .completionStage(() -> service.registerOrRenew(command))
                .map(registration -> {
                    Node node = registration.node();
                    RestResponse.ResponseBuilder<Node> answer = registration.created()
                            ? RestResponse.ResponseBuilder.created(URI.create("/api/v1/nodes/" + node.uuid()))
                            : RestResponse.ResponseBuilder.ok();
                    return answer.entity(node).tag(etag(node)).build();
                });
    }

    @RolesAllowed({Roles.READER, Roles.ADMIN})
    @Compressed
    @GET
    @Operation(
            operationId = "listNodes",
            summary = "List nodes",
            description = "Filter by status and labels (a label selector, and metadata "
                    + "key=value pairs that must all match); pages in uuid order")
    @APIResponse(
            responseCode = "200",
            description = "A page of nodes",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NodeList.class)))
    public Uni<byte[]> list(
            @Parameter(description = "only nodes with this status", schema = @Schema(implementation = NodeStatus.class))
                    @QueryParam("status")
                    String status,
            @Parameter(description = "key=value; repeat for several") @QueryParam("label") List<String> labels,
            @Parameter(description = QueryParams.SELECTOR) @QueryParam("selector") String selector,
            @Parameter(
                            description = "page size",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "1000",
                                            defaultValue = "100"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "next_page_token of the previous page") @QueryParam("page_token")
                    String pageToken) {
        Set<NodeStatus> only = QueryParams.statuses(status);
        LabelSelector matching = QueryParams.selector(selector, labels);
        int pageSize = QueryParams.limit(limit);
        // written on the worker too: a page is ~30 KB of JSON
        return WorkerPool.call(() -> pages.write(service.listNodes(only, matching, pageSize, pageToken)));
    }

    @RolesAllowed({Roles.READER, Roles.ADMIN})
    @GET
    @Path("/{uuid}")
    @Operation(
            operationId = "getNode",
            summary = "Get a node",
            description = "The ETag is the node's revision, for If-Match on updates; "
                    + "304 without a body when If-None-Match names it")
    @APIResponse(
            responseCode = "200",
            description = "The node, with its revision as ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Node.class)))
    @APIResponse(
            responseCode = "304",
            description = "Not modified: the node is still at a revision If-None-Match named")
    public Uni<RestResponse<Node>> get(
            @PathParam("uuid") String uuid,
            @Parameter(description = "ETags from an earlier GET, or *: 304 while the node is still at one of them")
                    @HeaderParam("If-None-Match")
                    String ifNoneMatch) {
        EntityTags seen = EntityTags.parse("If-None-Match", ifNoneMatch);
        return WorkerPool.call(() -> service.get(uuid).orElseThrow(() -> new NodeNotFoundException(uuid)))
                .map(node -> seen != null && seen.matchesWeakly(node.revision())
                        ? RestResponse.ResponseBuilder.<Node>notModified(etag(node))
                                .build()
                        : RestResponse.ResponseBuilder.ok(node).tag(etag(node)).build());
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{uuid}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "updateNode",
            summary = "Update a node",
            description = "Changes the given fields; with If-Match only if the node is "
                    + "still at that revision (412 otherwise)")
    public Uni<RestResponse<Node>> update(
            @PathParam("uuid") String uuid,
            @Parameter(
                            description = "* or ETags from GET, e.g. \"3\" (RFC 9110: a list matches when one of its "
                                    + "strong tags is the node's)")
                    @HeaderParam("If-Match")
                    String ifMatch,
            UpdateNode command) {
        IfMatch condition = IfMatch.parse(ifMatch);
        return WorkerPool.call(() -> service.update(uuid, command, condition.expectedRevision(uuid, service)))
                .map(node ->
                        RestResponse.ResponseBuilder.ok(node).tag(etag(node)).build());
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{uuid}")
    // no body on success: a client that accepts only errors' problem+json is served too (not 406)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            operationId = "removeNode",
            summary = "Remove a node",
            description = "Its resource report goes with it, in one atomic write")
    public Uni<RestResponse<Void>> remove(@PathParam("uuid") String uuid) {
        return WorkerPool.call(() -> {
            service.remove(uuid);
            return RestResponse.<Void>noContent();
        });
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @POST
    @Path("/{uuid}/heartbeat")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "heartbeat",
            summary = "Heartbeat",
            description = "Marks the node alive (a decommissioning node stays so); the "
                    + "optional health_info and resource are stored with it in one write")
    public Uni<HeartbeatResponse> heartbeat(
            @PathParam("uuid") String uuid,
            @RequestBody(required = false, description = "optional: a bare POST (no body) beats too") Heartbeat body) {
        // no worker thread: checked here, queued for the registry's writer, answered once durable
        Heartbeat beat = body == null ? Heartbeat.BARE : body;
        return EventLoop.resumeWith(service.heartbeat(uuid, beat))
                .map(stored -> new HeartbeatResponse(stored.lastHeartbeat(), stored.status(), stored.revision()));
    }

    /** A bare heartbeat: a POST with no body. A body in anything but JSON is refused, not ignored. */
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @POST
    @Path("/{uuid}/heartbeat")
    @Operation(hidden = true)
    public Uni<HeartbeatResponse> bareHeartbeat(
            @PathParam("uuid") String uuid,
            @HeaderParam("Content-Length") String contentLength,
            @HeaderParam("Transfer-Encoding") String chunked) {
        if (chunked != null || (contentLength != null && !contentLength.trim().equals("0"))) {
            throw new NotSupportedException();
        }
        return heartbeat(uuid, null);
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @PUT
    @Path("/{uuid}/resource")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "putNodeResource",
            summary = "Store a resource report",
            description = "404 for a node that is not registered")
    public Uni<NodeResource> putResource(@PathParam("uuid") String uuid, Report report) {
        return EventLoop.resumeWith(service.report(uuid, report));
    }

    @RolesAllowed({Roles.READER, Roles.ADMIN})
    @GET
    @Path("/{uuid}/resource")
    @Operation(
            operationId = "getNodeResource",
            summary = "Get a node's resource report",
            description = "404 when the node or its report is missing")
    public Uni<NodeResource> getResource(@PathParam("uuid") String uuid) {
        return WorkerPool.call(() -> service.requireResource(uuid));
    }

    @RolesAllowed({Roles.READER, Roles.ADMIN})
    @GET
    @Path("/{uuid}/with-resource")
    @Operation(
            operationId = "getNodeWithResource",
            summary = "Get a node with its resource report",
            description = "resource is null when there is none")
    public Uni<NodeWithResource> withResource(@PathParam("uuid") String uuid) {
        return WorkerPool.call(() -> service.withResource(uuid).orElseThrow(() -> new NodeNotFoundException(uuid)));
    }

    private static EntityTag etag(Node node) {
        return new EntityTag(Long.toString(node.revision()));
    }
}
