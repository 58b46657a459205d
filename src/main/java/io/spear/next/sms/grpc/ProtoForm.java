package io.spear.next.sms.grpc;

import io.spear.next.registry.GpuInfo;
import io.spear.next.registry.NodeFields;
import io.spear.next.registry.RegistryEvent;
import io.spear.next.sms.grpc.v1.Gpu;
import io.spear.next.sms.grpc.v1.Node;
import io.spear.next.sms.grpc.v1.NodeResource;
import io.spear.next.sms.grpc.v1.WatchEvent;
import io.spear.next.sms.nodes.RegisterNode;
import io.spear.next.sms.nodes.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * The gRPC messages of {@code sms/node.proto} to and from the node service's commands and the
 * registry's records; the service checks the commands. proto3 cannot tell a field left out from
 * one set to its zero value: zero (0, "") means "not given" where REST has null.
 */
final class ProtoForm {

    private ProtoForm() {}

    /** A node; its maps in key order, so that the same node always has the same bytes. */
    static Node node(NodeFields node) {
        Node.Builder proto = Node.newBuilder()
                .setUuid(node.uuid())
                .setIpAddress(node.ipAddress())
                .setPort(node.port())
                .setStatus(SpearStatus.word(node.status()))
                .setState(node.status().wireName())
                .setLastHeartbeat(node.lastHeartbeat())
                .setRegisteredAt(node.registeredAt())
                .putAllMetadata(NodeFields.inKeyOrder(node.metadata()))
                .setStatusChangedAt(node.statusChangedAt())
                .putAllHealthInfo(NodeFields.inKeyOrder(node.healthInfo()))
                .setRevision(node.revision());
        if (node.name() != null) {
            proto.setName(node.name());
        }
        if (node.httpPort() != null) {
            proto.setHttpPort(node.httpPort());
        }
        return proto.build();
    }

    static NodeResource resource(io.spear.next.registry.NodeResource report) {
        NodeResource.Builder proto = NodeResource.newBuilder()
                .setNodeUuid(report.nodeUuid())
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
                .setUpdatedAt(report.updatedAt())
                .putAllResourceMetadata(NodeFields.inKeyOrder(report.resourceMetadata()));
        for (GpuInfo gpu : report.gpus()) {
            Gpu.Builder g = Gpu.newBuilder()
                    .setIndex(gpu.index())
                    .setMemoryTotalBytes(gpu.memoryTotalBytes())
                    .setMemoryUsedBytes(gpu.memoryUsedBytes())
                    .setUtilizationPercent(gpu.utilizationPercent());
            if (gpu.model() != null) {
                g.setModel(gpu.model());
            }
            proto.addGpus(g);
        }
        return proto.build();
    }

    static WatchEvent event(RegistryEvent event) {
        WatchEvent.Builder proto = WatchEvent.newBuilder()
                .setRevision(event.revision())
                .setType(event.type().wireName())
                .setNodeUuid(event.nodeUuid())
                .setAt(event.at());
        if (event.node() != null) {
            proto.setNode(node(event.node()));
        }
        if (event.resource() != null) {
            proto.setResource(resource(event.resource()));
        }
        if (event.oldStatus() != null) {
            proto.setOldState(event.oldStatus().wireName());
        }
        if (event.newStatus() != null) {
            proto.setNewState(event.newStatus().wireName());
        }
        return proto.build();
    }

    /** A registration: an empty uuid asks the server for one; the status is the server's to set. */
    static RegisterNode registration(Node node) {
        return new RegisterNode(
                given(node.getUuid()),
                given(node.getName()),
                node.getIpAddress(),
                node.getPort(),
                given(node.getHttpPort()),
                node.getMetadataMap());
    }

    /** A report as the node service takes it (and checks it). */
    static Report report(NodeResource report) {
        List<io.spear.next.sms.nodes.Gpu> gpus = new ArrayList<>(report.getGpusCount());
        for (Gpu gpu : report.getGpusList()) {
            gpus.add(new io.spear.next.sms.nodes.Gpu(
                    gpu.getIndex(),
                    given(gpu.getModel()),
                    gpu.getMemoryTotalBytes(),
                    gpu.getMemoryUsedBytes(),
                    gpu.getUtilizationPercent()));
        }
        return new Report(
                report.getCpuUsagePercent(),
                report.getMemoryUsagePercent(),
                report.getTotalMemoryBytes(),
                report.getUsedMemoryBytes(),
                report.getAvailableMemoryBytes(),
                report.getDiskUsagePercent(),
                report.getTotalDiskBytes(),
                report.getUsedDiskBytes(),
                report.getNetworkRxBytesPerSec(),
                report.getNetworkTxBytesPerSec(),
                report.getLoadAverage1M(),
                report.getLoadAverage5M(),
                report.getLoadAverage15M(),
                gpus,
                report.getResourceMetadataMap());
    }

    private static String given(String value) {
        return value.isEmpty() ? null : value;
    }

    private static Integer given(int value) {
        return value == 0 ? null : value;
    }
}
