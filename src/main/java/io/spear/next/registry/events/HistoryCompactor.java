package io.spear.next.registry.events;

import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvHistory;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Compacts a store that keeps its own history (etcd keeps every revision, and every heartbeat
 * makes one), as the Kubernetes API server does: each step records the store's current revision
 * in one shared key with a compare-and-set and compacts to the revision the previous step
 * recorded. Replicas that run steps at once do each step once (the losers of the compare-and-set
 * do nothing), and history always reaches back at least one interval, so every replica's watch
 * had that long to read it.
 */
public final class HistoryCompactor {

    private final KvStore store;
    private final KvHistory history;

    private HistoryCompactor(KvStore store, KvHistory history) {
        this.store = store;
        this.history = history;
    }

    /** A compactor for {@code store}, if it keeps history. */
    public static Optional<HistoryCompactor> of(KvStore store) {
        return store.unwrap(KvHistory.class).map(history -> new HistoryCompactor(store, history));
    }

    /** One step; returns the revision compacted to, or 0 when this step compacted nothing. */
    public long step() {
        Optional<byte[]> recorded = store.get(RegistryKeys.COMPACTION);
        long now = history.revision();
        boolean mine = store.writeIf(
                List.of(KvCondition.unchanged(RegistryKeys.COMPACTION, recorded.orElse(null))),
                List.of(KvMutation.put(
                        RegistryKeys.COMPACTION, Long.toString(now).getBytes(StandardCharsets.US_ASCII))));
        if (!mine || recorded.isEmpty()) {
            return 0; // another replica took this step, or this is the first one
        }
        long target = Long.parseLong(new String(recorded.get(), StandardCharsets.US_ASCII));
        history.compact(target);
        return target;
    }
}
