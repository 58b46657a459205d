package io.spear.next.sms.api;

import io.smallrye.mutiny.Uni;
import io.spear.next.registry.ClusterStats;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.sms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cluster", description = "Totals over the whole registry")
public class ClusterResource {

    private final NodeRegistry nodes;

    ClusterResource(NodeRegistry nodes) {
        this.nodes = nodes;
    }

    @RolesAllowed({Roles.READER, Roles.ADMIN})
    @GET
    @Path("/stats")
    @Operation(operationId = "getClusterStats",
            summary = "Cluster statistics", description = "Kept up to date with every change; reading them reads no node")
    public Uni<ClusterStats> stats() {
        return WorkerPool.call(nodes::clusterStats);
    }
}
