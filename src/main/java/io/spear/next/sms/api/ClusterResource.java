package io.spear.next.sms.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.spear.next.registry.ClusterStats;
import io.spear.next.sms.nodes.NodeService;
import io.spear.next.sms.security.Roles;
import io.spear.next.sms.stats.StatsHistory;
import io.spear.next.sms.stats.StatsSample;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cluster", description = "Totals over the whole registry, and their last hour")
public class ClusterResource {

    private final NodeService nodes;
    private final StatsHistory history;

    ClusterResource(NodeService nodes, StatsHistory history) {
        this.nodes = nodes;
        this.history = history;
    }

    /** The samples of the last hour, oldest first, and how far apart they are. */
    public record StatsHistoryPage(long intervalSeconds, List<StatsSample> samples) {}

    @RolesAllowed({Roles.READER, Roles.ADMIN})
    @GET
    @Path("/stats")
    @Operation(
            operationId = "getClusterStats",
            summary = "Cluster statistics",
            description = "Kept up to date with every change; reading them reads no node")
    public Uni<ClusterStats> stats() {
        return WorkerPool.call(nodes::stats);
    }

    @RolesAllowed({Roles.READER, Roles.ADMIN})
    @GET
    @Path("/stats/history")
    @Operation(
            operationId = "getClusterStatsHistory",
            summary = "The last hour of cluster statistics",
            description = "Sampled every sms.stats-history.interval: nodes per status, average CPU and memory, and "
                    + "heartbeats per second received by this instance. Kept in memory: a restart starts a new hour")
    @Blocking
    public StatsHistoryPage statsHistory() {
        return new StatsHistoryPage(history.interval().toSeconds(), history.samples());
    }
}
