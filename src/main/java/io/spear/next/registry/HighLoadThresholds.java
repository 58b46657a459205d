package io.spear.next.registry;

import io.spear.next.registry.stored.StoredReport;

/** A node is under high load when any of its latest figures is above its threshold. */
public record HighLoadThresholds(double cpuPercent, double memoryPercent, double loadAverage1m) {

    public static final HighLoadThresholds DEFAULTS = new HighLoadThresholds(80.0, 85.0, 4.0);

    boolean isHighLoad(StoredReport report) {
        return report.getCpuUsagePercent() > cpuPercent
                || report.getMemoryUsagePercent() > memoryPercent
                || report.getLoadAverage1M() > loadAverage1m;
    }
}
