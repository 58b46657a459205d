package io.spear.next.registry.format;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.spear.next.registry.GpuInfo;
import io.spear.next.registry.Node;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.NodeResource.Figure;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.RegistryEvent;
import io.spear.next.registry.stored.StoredEvent;
import io.spear.next.registry.stored.StoredEventType;
import io.spear.next.registry.stored.StoredGpu;
import io.spear.next.registry.stored.StoredLiveness;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.registry.stored.StoredReport;
import io.spear.next.registry.stored.StoredStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Between the stored format (protobuf messages, {@code src/main/proto/registry_store.proto}) and
 * the records the API serves. The API's JSON and the stored bytes are separate on purpose: either
 * can change without the other. A stored record that does not parse is a damaged store, never a
 * client's mistake: reading one throws {@link IllegalStateException}.
 */
public final class StoredForm {

    private StoredForm() {}

    /** The node as the API shows it: its record and its liveness together. */
    static Node node(StoredNode node, StoredLiveness liveness) {
        return new Node(
                node.getUuid(),
                node.hasName() ? node.getName() : null,
                node.getIpAddress(),
                node.getPort(),
                node.hasHttpPort() ? node.getHttpPort() : null,
                status(node.getStatus()),
                liveness.getLastHeartbeat(),
                node.getRegisteredAt(),
                node.getStatusChangedAt(),
                node.getMetadataMap(),
                liveness.getHealthInfoMap(),
                node.getRevision() + liveness.getBeats());
    }

    public static NodeResource report(StoredReport report) {
        List<GpuInfo> gpus = new ArrayList<>(report.getGpusCount());
        for (StoredGpu gpu : report.getGpusList()) {
            gpus.add(new GpuInfo(
                    gpu.getIndex(),
                    gpu.hasModel() ? gpu.getModel() : null,
                    gpu.getMemoryTotalBytes(),
                    gpu.getMemoryUsedBytes(),
                    gpu.getUtilizationPercent()));
        }
        return NodeResource.builder()
                .nodeUuid(report.getNodeUuid())
                .cpuUsagePercent(report.getCpuUsagePercent())
                .memoryUsagePercent(report.getMemoryUsagePercent())
                .totalMemoryBytes(report.getTotalMemoryBytes())
                .usedMemoryBytes(report.getUsedMemoryBytes())
                .availableMemoryBytes(report.getAvailableMemoryBytes())
                .diskUsagePercent(report.getDiskUsagePercent())
                .totalDiskBytes(report.getTotalDiskBytes())
                .usedDiskBytes(report.getUsedDiskBytes())
                .networkRxBytesPerSec(report.getNetworkRxBytesPerSec())
                .networkTxBytesPerSec(report.getNetworkTxBytesPerSec())
                .loadAverage1m(report.getLoadAverage1M())
                .loadAverage5m(report.getLoadAverage5M())
                .loadAverage15m(report.getLoadAverage15M())
                .gpus(gpus)
                .resourceMetadata(report.getResourceMetadataMap())
                .updatedAt(report.getUpdatedAt())
                .build();
    }

    /** A figure of a stored report, read in place (as {@link Figure#of} reads it from the API's report). */
    public static double figure(StoredReport report, Figure figure) {
        return switch (figure) {
            case CPU_USAGE_PERCENT -> report.getCpuUsagePercent();
            case MEMORY_USAGE_PERCENT -> report.getMemoryUsagePercent();
            case TOTAL_MEMORY_BYTES -> report.getTotalMemoryBytes();
            case USED_MEMORY_BYTES -> report.getUsedMemoryBytes();
            case AVAILABLE_MEMORY_BYTES -> report.getAvailableMemoryBytes();
            case DISK_USAGE_PERCENT -> report.getDiskUsagePercent();
            case TOTAL_DISK_BYTES -> report.getTotalDiskBytes();
            case USED_DISK_BYTES -> report.getUsedDiskBytes();
            case NETWORK_RX_BYTES_PER_SEC -> report.getNetworkRxBytesPerSec();
            case NETWORK_TX_BYTES_PER_SEC -> report.getNetworkTxBytesPerSec();
            case LOAD_AVERAGE_1M -> report.getLoadAverage1M();
            case LOAD_AVERAGE_5M -> report.getLoadAverage5M();
            case LOAD_AVERAGE_15M -> report.getLoadAverage15M();
            case GPU_COUNT -> report.getGpusCount();
            case UPDATED_AT -> report.getUpdatedAt();
        };
    }

    /** {@code report} as stored for node {@code uuid} at {@code now}. */
    public static StoredReport report(NodeResource report, String uuid, long now) {
        StoredReport.Builder stored = StoredReport.newBuilder()
                .setNodeUuid(uuid)
                .setCpuUsagePercent(report.cpuUsagePercent())
                .setMemoryUsagePercent(report.memoryUsagePercent())
                .setTotalMemoryBytes(report.totalMemoryBytes())
                .setUsedMemoryBytes(report.usedMemoryBytes())
                .setAvailableMemoryBytes(report.availableMemoryBytes())
                .setDiskUsagePercent(report.diskUsagePercent())
                .setTotalDiskBytes(report.totalDiskBytes())
                .setUsedDiskBytes(report.usedDiskBytes())
                .setNetworkRxBytesPerSec(report.networkRxBytesPerSec())
                .setNetworkTxBytesPerSec(report.networkTxBytesPerSec())
                .setLoadAverage1M(report.loadAverage1m())
                .setLoadAverage5M(report.loadAverage5m())
                .setLoadAverage15M(report.loadAverage15m())
                .putAllResourceMetadata(report.resourceMetadata())
                .setUpdatedAt(now);
        for (GpuInfo gpu : report.gpus()) {
            StoredGpu.Builder storedGpu = StoredGpu.newBuilder()
                    .setIndex(gpu.index())
                    .setMemoryTotalBytes(gpu.memoryTotalBytes())
                    .setMemoryUsedBytes(gpu.memoryUsedBytes())
                    .setUtilizationPercent(gpu.utilizationPercent());
            if (gpu.model() != null) {
                storedGpu.setModel(gpu.model());
            }
            stored.addGpus(storedGpu);
        }
        return stored.build();
    }

    public static RegistryEvent event(StoredEvent event) {
        return new RegistryEvent(
                event.getRevision(),
                type(event.getType()),
                event.getNodeUuid(),
                event.getAt(),
                event.hasNode() ? node(event.getNode(), event.getLiveness()) : null,
                event.hasResource() ? report(event.getResource()) : null,
                event.getOldStatus() == StoredStatus.STORED_STATUS_UNSPECIFIED ? null : status(event.getOldStatus()),
                event.getNewStatus() == StoredStatus.STORED_STATUS_UNSPECIFIED ? null : status(event.getNewStatus()));
    }

    public static NodeStatus status(StoredStatus status) {
        return switch (status) {
            case STORED_STATUS_ACTIVE -> NodeStatus.ACTIVE;
            case STORED_STATUS_INACTIVE -> NodeStatus.INACTIVE;
            case STORED_STATUS_UNHEALTHY -> NodeStatus.UNHEALTHY;
            case STORED_STATUS_DECOMMISSIONING -> NodeStatus.DECOMMISSIONING;
            default -> throw new IllegalStateException("a stored node has no known status: " + status);
        };
    }

    public static StoredStatus status(NodeStatus status) {
        return switch (status) {
            case ACTIVE -> StoredStatus.STORED_STATUS_ACTIVE;
            case INACTIVE -> StoredStatus.STORED_STATUS_INACTIVE;
            case UNHEALTHY -> StoredStatus.STORED_STATUS_UNHEALTHY;
            case DECOMMISSIONING -> StoredStatus.STORED_STATUS_DECOMMISSIONING;
        };
    }

    public static RegistryEvent.Type type(StoredEventType type) {
        return switch (type) {
            case STORED_EVENT_TYPE_NODE_REGISTERED -> RegistryEvent.Type.NODE_REGISTERED;
            case STORED_EVENT_TYPE_NODE_UPDATED -> RegistryEvent.Type.NODE_UPDATED;
            case STORED_EVENT_TYPE_NODE_STATUS_CHANGED -> RegistryEvent.Type.NODE_STATUS_CHANGED;
            case STORED_EVENT_TYPE_NODE_REMOVED -> RegistryEvent.Type.NODE_REMOVED;
            case STORED_EVENT_TYPE_RESOURCE_UPDATED -> RegistryEvent.Type.RESOURCE_UPDATED;
            default -> throw new IllegalStateException("a stored event has no known type: " + type);
        };
    }

    public static StoredEventType type(RegistryEvent.Type type) {
        return switch (type) {
            case NODE_REGISTERED -> StoredEventType.STORED_EVENT_TYPE_NODE_REGISTERED;
            case NODE_UPDATED -> StoredEventType.STORED_EVENT_TYPE_NODE_UPDATED;
            case NODE_STATUS_CHANGED -> StoredEventType.STORED_EVENT_TYPE_NODE_STATUS_CHANGED;
            case NODE_REMOVED -> StoredEventType.STORED_EVENT_TYPE_NODE_REMOVED;
            case RESOURCE_UPDATED -> StoredEventType.STORED_EVENT_TYPE_RESOURCE_UPDATED;
        };
    }

    // --- parsing the stored bytes (null: absent) ---------------------------------------------

    public static StoredNode parseNode(byte[] bytes) {
        return parse(StoredNode.parser(), bytes, "node");
    }

    static StoredLiveness parseLiveness(byte[] bytes) {
        return parse(StoredLiveness.parser(), bytes, "liveness");
    }

    public static StoredReport parseReport(byte[] bytes) {
        return parse(StoredReport.parser(), bytes, "report");
    }

    public static StoredEvent parseEvent(byte[] bytes) {
        return parse(StoredEvent.parser(), bytes, "event");
    }

    private static <T> T parse(Parser<T> parser, byte[] bytes, String what) {
        try {
            return bytes == null ? null : parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable " + what + " record in the store: " + e.getMessage(), e);
        }
    }
}
