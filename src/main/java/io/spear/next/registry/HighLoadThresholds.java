package io.spear.next.registry;

/** A node is under high load when any of its latest figures is above its threshold. */
public record HighLoadThresholds(double cpuPercent, double memoryPercent, double loadAverage1m) {

    public static final HighLoadThresholds DEFAULTS = new HighLoadThresholds(80.0, 85.0, 4.0);

    public boolean isHighLoad(double cpuUsagePercent, double memoryUsagePercent, double loadAverage1m) {
        return cpuUsagePercent > cpuPercent || memoryUsagePercent > memoryPercent || loadAverage1m > this.loadAverage1m;
    }
}
