package io.spear.next.sms.wiring;

import io.quarkus.logging.Log;
import io.spear.next.registry.Leadership;
import io.spear.next.registry.events.HistoryCompactor;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * On a store that keeps its history (etcd), the leader compacts it every
 * {@code sms.leader.compaction-interval} ({@link HistoryCompactor}); on the embedded stores there is
 * nothing to do.
 */
@ApplicationScoped
public class CompactionJob {

    private final Optional<HistoryCompactor> compactor;
    private final Leadership leadership;

    CompactionJob(KvStore store, Leadership leadership) {
        this.compactor = HistoryCompactor.of(store);
        this.leadership = leadership;
    }

    /** Compacts the store's history; run every {@code sms.leader.compaction-interval} ({@link PeriodicJobs}). */
    public void compact() {
        if (compactor.isEmpty() || !leadership.leads()) {
            return;
        }
        try {
            long revision = compactor.get().step();
            if (revision > 0) {
                Log.debugf("Compacted the store's history up to revision %d", revision);
            }
        } catch (KvException e) {
            Log.warnf("History compaction skipped: %s", e.getMessage());
        }
    }
}
