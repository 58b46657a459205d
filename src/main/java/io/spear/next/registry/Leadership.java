package io.spear.next.registry;

import java.time.Duration;

/**
 * Whether this process runs the registry's housekeeping (the heartbeat sweeper, the change log's
 * trim, the store's compaction). On a store only one process writes, that process always does
 * ({@link #SOLE}). Replicas over a shared store elect one; two that both think they lead for a
 * moment corrupt nothing, since every sweep and trim step is itself a compare-and-set, but they
 * waste work.
 */
public interface Leadership {

    /** The only process on its store: always leads, and its store is always there. */
    Leadership SOLE = new Leadership() {
        @Override
        public boolean leads() {
            return true;
        }

        @Override
        public Duration storeReachableFor() {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
    };

    boolean leads();

    /**
     * How long the shared store has answered this process without a break. After an outage the
     * sweeper waits one heartbeat timeout: nodes could not beat while the store was down.
     */
    Duration storeReachableFor();
}
