package io.spear.next.sms.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.Compressed;
import io.smallrye.common.annotation.Blocking;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeStatus;
import io.spear.next.sms.security.Roles;
import io.spear.next.sms.watch.WatchFilter;
import io.spear.next.sms.watch.WatchHub;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/watch")
@Tag(name = "watch", description = "A stream of registry changes (Server-Sent Events)")
public class WatchResource {

    private final WatchHub hub;
    private final ObjectMapper json;

    WatchResource(WatchHub hub, ObjectMapper json) {
        this.hub = hub;
        this.json = json;
    }

    @RolesAllowed({Roles.READER, Roles.ADMIN})
    @Compressed
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            operationId = "watch",
            summary = "Watch registry changes",
            description = "Server-Sent Events, one per change: node_registered, "
                    + "node_updated, node_status_changed, node_removed, resource_updated; the SSE id is the change's revision. "
                    + "Resume with Last-Event-ID or since; 410 when those events are no longer kept")
    @APIResponse(
            responseCode = "200",
            description = "A stream of events that lasts until the client leaves, is too "
                    + "slow (a final watch_dropped event), or the server stops",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    @Blocking // the resume point is read from the store
    public void watch(
            @Parameter(description = "only nodes with this status", schema = @Schema(implementation = NodeStatus.class))
                    @QueryParam("status")
                    String status,
            @Parameter(description = "key=value; repeat for several") @QueryParam("label") List<String> labels,
            @Parameter(description = QueryParams.SELECTOR) @QueryParam("selector") String selector,
            @Parameter(description = "only these nodes: repeat the parameter, or separate uuids with commas")
                    @QueryParam("node_uuid")
                    List<String> nodeUuids,
            @Parameter(description = "event types, comma-separated") @QueryParam("types") String types,
            @Parameter(
                            description = "resume after this revision",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
                    @QueryParam("since")
                    String since,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse) {
        WatchFilter filter = WatchFilter.parse(
                QueryParams.statuses(status),
                QueryParams.selector(selector, labels),
                QueryParams.nodeUuids(nodeUuids, List.of()),
                commaSeparated(types));
        long after = hub.resumePoint(
                lastEventId != null ? revision(lastEventId, "Last-Event-ID") : revision(since, "since"));
        hub.watch(filter, after, new SseWatchSink(sink, sse, json));
    }

    private static Long revision(String value, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long revision = Long.parseLong(value);
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidFieldException(field, "must be a revision (a whole number from 0), got '" + value + "'");
    }

    private static List<String> commaSeparated(String values) {
        return values == null || values.isEmpty() ? List.of() : Arrays.asList(values.split(","));
    }
}
