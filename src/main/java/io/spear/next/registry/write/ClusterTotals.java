package io.spear.next.registry.write;

import io.spear.next.registry.ClusterStats;
import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.format.StoredForm;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.registry.stored.StoredReport;
import java.nio.ByteBuffer;

/**
 * Cluster statistics as exact integer sums, kept in shards in the store ({@link TotalsShards}) and
 * changed in the same atomic write as the node they describe. Reading the statistics reads the
 * shards, never the nodes; percentages are summed in millionths so no rounding drifts.
 */
public final class ClusterTotals {

    private static final int STATUS_COUNTS = 0;
    private static final int WITH_RESOURCES = 4;
    private static final int CPU_MICROS = 5;
    private static final int MEMORY_MICROS = 6;
    private static final int TOTAL_MEMORY = 7;
    private static final int USED_MEMORY = 8;
    private static final int HIGH_LOAD = 9;
    private static final int SIZE = 10;

    private final long[] values;

    private ClusterTotals(long[] values) {
        this.values = values;
    }

    static ClusterTotals zero() {
        return new ClusterTotals(new long[SIZE]);
    }

    static ClusterTotals decode(byte[] bytes) {
        ClusterTotals totals = zero();
        if (bytes != null) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            for (int i = 0; i < SIZE && buffer.remaining() >= Long.BYTES; i++) {
                totals.values[i] = buffer.getLong();
            }
        }
        return totals;
    }

    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE * Long.BYTES);
        for (long value : values) {
            buffer.putLong(value);
        }
        return buffer.array();
    }

    /** What one node (and its report, possibly null) adds to the totals. */
    public static ClusterTotals of(StoredNode node, StoredReport resource, HighLoadThresholds highLoad) {
        ClusterTotals totals = zero();
        if (node == null) {
            return totals;
        }
        totals.values[STATUS_COUNTS + StoredForm.status(node.getStatus()).ordinal()] = 1;
        if (resource != null) {
            totals.values[WITH_RESOURCES] = 1;
            totals.values[CPU_MICROS] = Math.round(resource.getCpuUsagePercent() * 1e6);
            totals.values[MEMORY_MICROS] = Math.round(resource.getMemoryUsagePercent() * 1e6);
            totals.values[TOTAL_MEMORY] = resource.getTotalMemoryBytes();
            totals.values[USED_MEMORY] = resource.getUsedMemoryBytes();
            totals.values[HIGH_LOAD] = highLoad.isHighLoad(
                            resource.getCpuUsagePercent(),
                            resource.getMemoryUsagePercent(),
                            resource.getLoadAverage1M())
                    ? 1
                    : 0;
        }
        return totals;
    }

    ClusterTotals plus(ClusterTotals other) {
        long[] sum = new long[SIZE];
        for (int i = 0; i < SIZE; i++) {
            sum[i] = values[i] + other.values[i];
        }
        return new ClusterTotals(sum);
    }

    ClusterTotals minus(ClusterTotals other) {
        long[] difference = new long[SIZE];
        for (int i = 0; i < SIZE; i++) {
            difference[i] = values[i] - other.values[i];
        }
        return new ClusterTotals(difference);
    }

    boolean isZero() {
        for (long value : values) {
            if (value != 0) {
                return false;
            }
        }
        return true;
    }

    public ClusterStats toStats() {
        long withResources = values[WITH_RESOURCES];
        long total = 0;
        for (NodeStatus status : NodeStatus.values()) {
            total += values[STATUS_COUNTS + status.ordinal()];
        }
        return new ClusterStats(
                total,
                values[STATUS_COUNTS + NodeStatus.ACTIVE.ordinal()],
                values[STATUS_COUNTS + NodeStatus.INACTIVE.ordinal()],
                values[STATUS_COUNTS + NodeStatus.UNHEALTHY.ordinal()],
                values[STATUS_COUNTS + NodeStatus.DECOMMISSIONING.ordinal()],
                withResources,
                withResources == 0 ? 0 : values[CPU_MICROS] / 1e6 / withResources,
                withResources == 0 ? 0 : values[MEMORY_MICROS] / 1e6 / withResources,
                values[TOTAL_MEMORY],
                values[USED_MEMORY],
                values[HIGH_LOAD]);
    }
}
