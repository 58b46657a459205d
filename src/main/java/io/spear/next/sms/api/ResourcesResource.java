package io.spear.next.sms.api;

import io.quarkus.vertx.http.Compressed;
import io.smallrye.mutiny.Uni;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.query.LabelSelector;
import io.spear.next.registry.query.ReportFilter;
import io.spear.next.registry.query.ReportOrder;
import io.spear.next.sms.nodes.NodeService;
import io.spear.next.sms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/resources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resources", description = "Resource reports (CPU, memory, disk, GPUs) across nodes")
public class ResourcesResource {

    private final NodeService nodes;

    ResourcesResource(NodeService nodes) {
        this.nodes = nodes;
    }

    @RolesAllowed({Roles.READER, Roles.ADMIN})
    @Compressed
    @GET
    @Operation(
            operationId = "listResources",
            summary = "List resource reports",
            description = "Of the given nodes, of high-load nodes, of the nodes "
                    + "a label selector selects, that a filter on their figures passes, or of all (every filter given holds); "
                    + "pages in uuid order, or with sort the first limit reports in that order")
    public Uni<ResourceList> list(
            @Parameter(description = "only these nodes: repeat the parameter, or separate uuids with commas")
                    @QueryParam("node_uuid")
                    List<String> nodeUuid,
            @Parameter(description = "the former name of node_uuid, still read", deprecated = true)
                    @QueryParam("node_uuids")
                    List<String> formerNodeUuids,
            @Parameter(
                            description = "only nodes above a high-load threshold",
                            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                    @QueryParam("high_load")
                    String highLoad,
            @Parameter(description = "key=value; repeat for several") @QueryParam("label") List<String> labels,
            @Parameter(description = QueryParams.SELECTOR) @QueryParam("selector") String selector,
            @Parameter(
                            description = "comparisons of report figures that must all hold, e.g. "
                                    + "cpu_usage_percent<50,available_memory_bytes>=8Gi")
                    @QueryParam("filter")
                    String filter,
            @Parameter(
                            description = "a report figure, descending with a leading -, e.g. -available_memory_bytes: "
                                    + "the first limit reports in that order, in one page")
                    @QueryParam("sort")
                    String sort,
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
        List<String> uuids = QueryParams.nodeUuids(nodeUuid, formerNodeUuids);
        boolean highLoadOnly = bool("high_load", highLoad);
        LabelSelector matching = QueryParams.selector(selector, labels);
        ReportFilter passing = ReportFilter.parse(filter);
        ReportOrder order = ReportFilter.order(sort);
        int pageSize = QueryParams.limit(limit);
        return WorkerPool.call(
                        () -> nodes.listResources(uuids, highLoadOnly, matching, passing, order, pageSize, pageToken))
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
