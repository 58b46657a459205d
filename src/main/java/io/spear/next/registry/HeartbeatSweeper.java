package io.spear.next.registry;

import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.registry.stored.StoredStatus;
import io.spear.next.registry.write.Transition;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.RangeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expires silent nodes: {@code active} nodes whose last heartbeat is older than the timeout become
 * {@code unhealthy}, reports older than the timeout are dropped, and nodes unhealthy for longer than
 * {@code removeAfter} (if set) are removed. It reads only the expired entries of the time indexes,
 * so a run costs what it changes, not the size of the cluster. Each change re-checks the node's
 * state in its own transaction, so a node that beat meanwhile is left alone. Scheduling it is the
 * caller's job.
 */
public final class HeartbeatSweeper {

    /** What one run changed. */
    public record Result(int markedUnhealthy, int reportsDropped, int nodesRemoved) {}

    private final RegistryEngine engine;
    private final Duration timeout;
    private final Optional<Duration> removeAfter;

    HeartbeatSweeper(RegistryEngine engine, Duration timeout, Optional<Duration> removeAfter) {
        this.engine = engine;
        this.timeout = timeout;
        this.removeAfter = removeAfter;
    }

    public Result sweep() {
        long now = engine.now();
        long heartbeatCutoff = now - timeout.toSeconds();
        int marked = 0;
        for (String uuid : expired(RegistryKeys.BY_HEARTBEAT, heartbeatCutoff)) {
            marked += engine.transact(
                    uuid,
                    state -> state.exists()
                                    && state.node().getStatus() == StoredStatus.STORED_STATUS_ACTIVE
                                    && state.liveness().getLastHeartbeat() < heartbeatCutoff
                            ? new Transition<>(state.expired(now), 1)
                            : new Transition<>(state, 0)); // it beat meanwhile
        }
        int dropped = 0;
        for (String uuid : expired(RegistryKeys.BY_RESOURCE_UPDATE, heartbeatCutoff)) {
            dropped += engine.transact(
                    uuid,
                    state -> state.report() != null && state.report().getUpdatedAt() < heartbeatCutoff
                            ? new Transition<>(state.withoutReport(), 1)
                            : new Transition<>(state, 0));
        }
        int removed = 0;
        if (removeAfter.isPresent()) {
            long removeCutoff = now - removeAfter.get().toSeconds();
            for (String uuid : expired(RegistryKeys.BY_UNHEALTHY_SINCE, removeCutoff)) {
                removed += engine.transact(
                        uuid,
                        state -> state.exists()
                                        && state.node().getStatus() == StoredStatus.STORED_STATUS_UNHEALTHY
                                        && state.node().getStatusChangedAt() < removeCutoff
                                ? new Transition<>(state.removed(), 1)
                                : new Transition<>(state, 0));
            }
        }
        return new Result(marked, dropped, removed);
    }

    /**
     * The uuids of the index entries stamped before {@code cutoff} (Unix seconds): with time buckets,
     * also those of the bucket the cutoff falls in, which the transactions re-check and leave.
     */
    private List<String> expired(String index, long cutoff) {
        List<String> uuids = new ArrayList<>();
        try (KvCursor cursor = engine.store.cursor(RangeOptions.between(index, RegistryKeys.timed(index, cutoff)))) {
            while (cursor.next()) {
                uuids.add(RegistryKeys.uuidOf(cursor.key()));
            }
        }
        return uuids;
    }
}
