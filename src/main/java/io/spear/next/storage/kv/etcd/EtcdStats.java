package io.spear.next.storage.kv.etcd;

import io.spear.next.storage.kv.KvStats;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The namespace's key count and the database size one member reports (0 when none answers),
 * remembered for {@link #MAX_AGE}: counting walks etcd's whole key index, and every metrics scrape
 * and readiness probe asks.
 */
final class EtcdStats {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Taken(KvStats stats, long at) {}

    private final EtcdConnection connection;
    private final LongSupplier count;
    private volatile Taken last;

    EtcdStats(EtcdConnection connection, LongSupplier count) {
        this.connection = connection;
        this.count = count;
    }

    KvStats get() {
        connection.ensureOpen();
        Taken cached = last;
        if (cached != null && System.nanoTime() - cached.at() < MAX_AGE.toNanos()) {
            return cached.stats();
        }
        KvStats stats = new KvStats.Etcd(count.getAsLong(), dbSize());
        last = new Taken(stats, System.nanoTime());
        return stats;
    }

    private long dbSize() {
        EtcdSettings settings = connection.settings;
        for (URI endpoint : settings.endpoints()) {
            try {
                return connection
                        .client
                        .getMaintenanceClient()
                        .statusMember(endpoint.toString())
                        .get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .getDbSize();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } catch (Exception e) {
                // try the next member
            }
        }
        return 0;
    }
}
