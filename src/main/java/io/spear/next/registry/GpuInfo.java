package io.spear.next.registry;

/** One GPU of a node, as its agent reports it. */
public record GpuInfo(
        int index, String model, long memoryTotalBytes, long memoryUsedBytes, double utilizationPercent) {}
