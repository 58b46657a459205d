package io.spear.next.storage.kv;

import java.time.Duration;

/**
 * A store shared by several processes that can elect one of them (etcd: a key held by a lease).
 * Reached with {@code store.unwrap(KvElection.class)}.
 */
public interface KvElection {

    /** One process's standing in an election; closing it resigns. */
    interface Candidacy extends AutoCloseable {

        /** Whether this process holds the key now (false once its lease may have run out). */
        boolean leads();

        /** How long the store has answered this candidacy without a break (zero while it does not). */
        Duration reachableFor();

        @Override
        void close();
    }

    /**
     * Campaigns for {@code key} in the background, holding it with a lease of {@code ttl} renewed
     * every third of it; when the holder stops renewing, another candidate takes the key within
     * about one {@code ttl}.
     */
    Candidacy campaign(String key, String candidate, Duration ttl);
}
