package io.spear.next.registry;

/** Cluster-wide figures; averages are over the nodes that have a resource report (0 when none). */
public record ClusterStats(
        long totalNodes,
        long activeNodes,
        long inactiveNodes,
        long unhealthyNodes,
        long decommissioningNodes,
        long nodesWithResources,
        double averageCpuUsage,
        double averageMemoryUsage,
        long totalMemoryBytes,
        long totalUsedMemoryBytes,
        long highLoadNodes) {

    public long nodes(NodeStatus status) {
        return switch (status) {
            case ACTIVE -> activeNodes;
            case INACTIVE -> inactiveNodes;
            case UNHEALTHY -> unhealthyNodes;
            case DECOMMISSIONING -> decommissioningNodes;
        };
    }
}
