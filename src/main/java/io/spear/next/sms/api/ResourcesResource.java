package io.spear.next.sms.api;

import io.smallrye.mutiny.Uni;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeResourceRegistry;
import io.spear.next.registry.ResourceQuery;
import io.spear.next.sms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/resources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resources")
public class ResourcesResource {

    private final NodeResourceRegistry resources;

    ResourcesResource(NodeResourceRegistry resources) {
        this.resources = resources;
    }

    @RolesAllowed({Roles.READER, Roles.ADMIN})
    @GET
    @Operation(summary = "List resource reports", description = "Of the given nodes, of high-load nodes, or of all; "
            + "pages in uuid order")
    public Uni<ResourceList> list(
            @Parameter(description = "comma-separated node uuids") @QueryParam("node_uuids") String nodeUuids,
            @Parameter(description = "only nodes above a high-load threshold") @QueryParam("high_load") String highLoad,
            @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit,
            @Parameter(description = "next_page_token of the previous page") @QueryParam("page_token") String pageToken) {
        List<String> uuids = nodeUuids == null || nodeUuids.isBlank()
                ? List.of()
                : Arrays.stream(nodeUuids.split(",")).map(String::trim).toList();
        if (uuids.size() > Limits.MAX_PAGE) {
            throw new InvalidFieldException("node_uuids", "at most " + Limits.MAX_PAGE + " uuids");
        }
        ResourceQuery query = new ResourceQuery(uuids, bool("high_load", highLoad), QueryParams.limit(limit),
                QueryParams.token(pageToken));
        return WorkerPool.call(() -> resources.list(query))
                .map(page -> new ResourceList(page.items(), page.nextPageToken()));
    }

    private static boolean bool(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidFieldException(name, "must be true or false, got '" + value + "'");
    }
}
