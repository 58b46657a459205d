package io.spear.next.registry;

import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.RangeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expires silent nodes: {@code active} nodes whose last heartbeat is older than the timeout become
 * {@code unhealthy}, reports older than the timeout are dropped, and nodes unhealthy for longer than
 * {@code removeAfter} (if set) are removed. It reads only the expired entries of the time indexes,
 * so a run costs what it changes, not the size of the cluster. Scheduling it is the caller's job.
 */
public final class HeartbeatSweeper {

    /** What one run changed. */
    public record Result(int markedUnhealthy, int reportsDropped, int nodesRemoved) {
    }

    private final RegistryStore records;
    private final Duration timeout;
    private final Optional<Duration> removeAfter;

    public HeartbeatSweeper(KvStore store, RegistrySettings settings, Duration timeout, Optional<Duration> removeAfter) {
        this.records = RegistryStore.open(store, settings);
        this.timeout = timeout;
        this.removeAfter = removeAfter;
    }

    public Result sweep() {
        long now = records.now();
        long heartbeatCutoff = now - timeout.toSeconds();
        int marked = 0;
        for (String uuid : expired(RegistryKeys.BY_HEARTBEAT, heartbeatCutoff)) {
            marked += records.transact(uuid, state -> {
                Node node = state.node();
                if (node == null || node.status() != NodeStatus.ACTIVE || node.lastHeartbeat() >= heartbeatCutoff) {
                    return new RegistryStore.Change<>(node, state.resource(), 0); // it beat meanwhile
                }
                return new RegistryStore.Change<>(node.withStatus(NodeStatus.UNHEALTHY, now).nextRevision(),
                        state.resource(), 1);
            });
        }
        int dropped = 0;
        for (String uuid : expired(RegistryKeys.BY_RESOURCE_UPDATE, heartbeatCutoff)) {
            dropped += records.transact(uuid, state -> {
                NodeResource report = state.resource();
                return report == null || report.updatedAt() >= heartbeatCutoff
                        ? new RegistryStore.Change<>(state.node(), report, 0)
                        : new RegistryStore.Change<>(state.node(), null, 1);
            });
        }
        int removed = 0;
        if (removeAfter.isPresent()) {
            long removeCutoff = now - removeAfter.get().toSeconds();
            for (String uuid : expired(RegistryKeys.BY_UNHEALTHY_SINCE, removeCutoff)) {
                removed += records.transact(uuid, state -> {
                    Node node = state.node();
                    return node == null || node.status() != NodeStatus.UNHEALTHY || node.statusChangedAt() >= removeCutoff
                            ? new RegistryStore.Change<>(node, state.resource(), 0)
                            : new RegistryStore.Change<>(null, null, 1);
                });
            }
        }
        return new Result(marked, dropped, removed);
    }

    /** The uuids of the index entries stamped before {@code cutoff} (Unix seconds). */
    private List<String> expired(String index, long cutoff) {
        List<String> uuids = new ArrayList<>();
        try (KvCursor cursor = records.store.cursor(RangeOptions.between(index, RegistryKeys.timed(index, cutoff)))) {
            while (cursor.next()) {
                uuids.add(RegistryKeys.uuidOf(cursor.key()));
            }
        }
        return uuids;
    }
}
