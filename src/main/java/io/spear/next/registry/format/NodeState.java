package io.spear.next.registry.format;

import io.spear.next.registry.Node;
import io.spear.next.registry.NodeFields;
import io.spear.next.registry.NodeRegistration;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.NodeUpdate;
import io.spear.next.registry.stored.StoredLiveness;
import io.spear.next.registry.stored.StoredNode;
import io.spear.next.registry.stored.StoredReport;
import io.spear.next.registry.stored.StoredStatus;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One node's state, the registry's aggregate: its record (what the node is), its liveness (what
 * every heartbeat changes) and its latest report, each absent (null) when the node has none.
 *
 * <p>Every change is a named transition that returns a new state. A transition leaves every part it
 * does not name as it was: a heartbeat that carries no report keeps the report, an update keeps the
 * liveness. Dropping a part is a transition of its own ({@link #withoutReport()}, {@link #removed()}).
 * Each transition that changes the node moves its revision by exactly one: node changes count in
 * the record, heartbeats in the liveness, and the API revision is their sum.
 */
public record NodeState(String uuid, StoredNode node, StoredLiveness liveness, StoredReport report) {

    public NodeState {
        Objects.requireNonNull(uuid, "uuid");
        if ((node == null) != (liveness == null)) {
            throw new IllegalStateException("node " + uuid + " has a record without liveness or the reverse");
        }
    }

    public static NodeState absent(String uuid) {
        return new NodeState(uuid, null, null, null);
    }

    public boolean exists() {
        return node != null;
    }

    public NodeStatus status() {
        return StoredForm.status(node.getStatus());
    }

    /** The node as the API shows it; the node must exist. */
    public Node view() {
        return StoredForm.node(node, liveness);
    }

    public NodeResource reportView() {
        return report == null ? null : StoredForm.report(report);
    }

    // --- transitions -------------------------------------------------------------------------

    /** A new node, active, beating now. A report left by an earlier node of this uuid is dropped. */
    public NodeState registered(NodeRegistration registration, long now) {
        StoredNode.Builder record = StoredNode.newBuilder()
                .setUuid(uuid)
                .setIpAddress(registration.ipAddress())
                .setPort(registration.port())
                .setStatus(StoredStatus.STORED_STATUS_ACTIVE)
                .setRegisteredAt(now)
                .setStatusChangedAt(now)
                .putAllMetadata(inKeyOrder(registration.metadata()))
                .setRevision(1);
        if (registration.name() != null) {
            record.setName(registration.name());
        }
        if (registration.httpPort() != null) {
            record.setHttpPort(registration.httpPort());
        }
        return new NodeState(
                uuid,
                record.build(),
                StoredLiveness.newBuilder().setLastHeartbeat(now).build(),
                null);
    }

    /**
     * Registered again (an agent that restarted, or lost its beats): its address, ports, name and
     * metadata replaced, registered and beating since as before, its report kept, and a heartbeat
     * now. The record always counts the change: a registration is news to a watcher even when it
     * repeats the last one.
     */
    public NodeState renewed(NodeRegistration registration, long now) {
        StoredNode described = describedAs(registration);
        return withNode(described.toBuilder()
                        .setRevision(node.getRevision() + 1)
                        .build())
                .beat(now, null);
    }

    /**
     * The description replaced by {@code registration}'s (address, ports, name, metadata), and the
     * status one of {@code statuses} (empty: any): kept when it is one of them, else the first. The
     * same state when that changes nothing.
     */
    public NodeState replaced(NodeRegistration registration, Set<NodeStatus> statuses, long now) {
        StoredNode.Builder record = describedAs(registration).toBuilder();
        if (!statuses.isEmpty() && !statuses.contains(status())) {
            record.setStatus(StoredForm.status(Collections.min(statuses))).setStatusChangedAt(now);
        }
        StoredNode changed = record.build();
        return changed.equals(node)
                ? this
                : withNode(
                        changed.toBuilder().setRevision(node.getRevision() + 1).build());
    }

    private StoredNode describedAs(NodeRegistration registration) {
        StoredNode.Builder record = node.toBuilder()
                .setIpAddress(registration.ipAddress())
                .setPort(registration.port())
                .clearName()
                .clearHttpPort()
                .clearMetadata()
                .putAllMetadata(inKeyOrder(registration.metadata()));
        if (registration.name() != null) {
            record.setName(registration.name());
        }
        if (registration.httpPort() != null) {
            record.setHttpPort(registration.httpPort());
        }
        return record.build();
    }

    /**
     * A heartbeat: beating now, active again unless decommissioning, {@code healthInfo} replacing
     * the last one when given. Only the liveness counts the change.
     */
    public NodeState beat(long now, Map<String, String> healthInfo) {
        StoredNode record = node;
        if (node.getStatus() != StoredStatus.STORED_STATUS_ACTIVE
                && node.getStatus() != StoredStatus.STORED_STATUS_DECOMMISSIONING) {
            record = node.toBuilder()
                    .setStatus(StoredStatus.STORED_STATUS_ACTIVE)
                    .setStatusChangedAt(now)
                    .build();
        }
        StoredLiveness.Builder beat = liveness.toBuilder().setLastHeartbeat(now).setBeats(liveness.getBeats() + 1);
        if (healthInfo != null) {
            beat.clearHealthInfo().putAllHealthInfo(NodeFields.inKeyOrder(healthInfo));
        }
        return new NodeState(uuid, record, beat.build(), report);
    }

    /** {@code report} becomes the node's latest, stored at {@code now}. */
    public NodeState reported(NodeResource newReport, long now) {
        return new NodeState(uuid, node, liveness, StoredForm.report(newReport, uuid, now));
    }

    /** The given fields of {@code update} applied; the same state when they change nothing. */
    public NodeState updated(NodeUpdate update, long now) {
        StoredNode.Builder record = node.toBuilder();
        if (update.name() != null) {
            record.setName(update.name());
        }
        if (update.ipAddress() != null) {
            record.setIpAddress(update.ipAddress());
        }
        if (update.port() != null) {
            record.setPort(update.port());
        }
        if (update.httpPort() != null) {
            record.setHttpPort(update.httpPort());
        }
        if (update.metadata() != null) {
            update.metadata().forEach((key, value) -> {
                if (value == null) {
                    record.removeMetadata(key);
                } else {
                    record.putMetadata(key, value);
                }
            });
            Map<String, String> merged = record.getMetadataMap();
            Map<String, String> ordered = NodeFields.inKeyOrder(merged);
            if (ordered != merged) { // a copy: a new key went last
                record.clearMetadata().putAllMetadata(ordered);
            }
        }
        if (update.status() != null && StoredForm.status(update.status()) != node.getStatus()) {
            record.setStatus(StoredForm.status(update.status())).setStatusChangedAt(now);
        }
        StoredNode changed = record.build();
        return changed.equals(node)
                ? this
                : withNode(
                        changed.toBuilder().setRevision(node.getRevision() + 1).build());
    }

    /** Silent too long: unhealthy since {@code now}. */
    public NodeState expired(long now) {
        return withNode(node.toBuilder()
                .setStatus(StoredStatus.STORED_STATUS_UNHEALTHY)
                .setStatusChangedAt(now)
                .setRevision(node.getRevision() + 1)
                .build());
    }

    public NodeState withoutReport() {
        return new NodeState(uuid, node, liveness, null);
    }

    /** The node gone, and its report with it. */
    public NodeState removed() {
        return absent(uuid);
    }

    private NodeState withNode(StoredNode record) {
        return new NodeState(uuid, record, liveness, report);
    }

    /** Labels as stored: in key order, which pages write them in (see {@link NodeFields#inKeyOrder}). */
    private static Map<String, String> inKeyOrder(Map<String, String> metadata) {
        return metadata == null ? Map.of() : NodeFields.inKeyOrder(metadata);
    }
}
