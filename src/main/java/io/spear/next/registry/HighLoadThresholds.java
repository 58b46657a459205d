package io.spear.next.registry;

/** A node is under high load when any of its latest figures is above its threshold. */
public record HighLoadThresholds(double cpuPercent, double memoryPercent, double loadAverage1m) {

    public static final HighLoadThresholds DEFAULTS = new HighLoadThresholds(80.0, 85.0, 4.0);

    public boolean isHighLoad(NodeResource resource) {
        return resource.cpuUsagePercent() > cpuPercent
                || resource.memoryUsagePercent() > memoryPercent
                || resource.loadAverage1m() > loadAverage1m;
    }

    boolean isHighLoad(io.spear.next.registry.stored.StoredReport report) {
        return report.getCpuUsagePercent() > cpuPercent
                || report.getMemoryUsagePercent() > memoryPercent
                || report.getLoadAverage1M() > loadAverage1m;
    }
}
