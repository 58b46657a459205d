package io.spear.next.sms.stats;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.spear.next.registry.ClusterStats;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.sms.config.SmsConfig;
import io.spear.next.sms.metrics.RegistryMetrics;
import io.spear.next.storage.kv.KvException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last hour of cluster statistics, sampled every {@code sms.stats-history.interval}: nodes per
 * status and the average CPU and memory (the registry's totals, the same on every replica) and
 * heartbeats per second (those this instance received). In memory: a restart starts a new hour.
 */
@ApplicationScoped
@Startup
public class StatsHistory {

    static final Duration KEPT = Duration.ofHours(1);

    private final NodeRegistry nodes;
    private final RegistryMetrics metrics;
    private final Duration interval;
    private final int capacity;
    private final ArrayDeque<StatsSample> samples = new ArrayDeque<>();
    private long lastHeartbeats = -1;
    private long lastAtMillis;

    StatsHistory(NodeRegistry nodes, RegistryMetrics metrics, SmsConfig config) {
        this.nodes = nodes;
        this.metrics = metrics;
        this.interval = config.statsHistory().interval();
        this.capacity = (int) Math.max(2, KEPT.toMillis() / interval.toMillis());
    }

    public Duration interval() {
        return interval;
    }

    /** Oldest first. */
    public synchronized List<StatsSample> samples() {
        return List.copyOf(samples);
    }

    /** Takes one sample; run every {@code sms.stats-history.interval}. */
    public void sample() {
        ClusterStats stats;
        try {
            stats = nodes.clusterStats();
        } catch (KvException e) {
            Log.debugf("Stats sample skipped: %s", e.getMessage());
            return; // a gap in the charts, where the store could not answer
        }
        long nowMillis = System.currentTimeMillis();
        long heartbeats = metrics.heartbeats();
        double perSecond = lastHeartbeats < 0 || nowMillis <= lastAtMillis
                ? 0
                : (heartbeats - lastHeartbeats) * 1000.0 / (nowMillis - lastAtMillis);
        lastHeartbeats = heartbeats;
        lastAtMillis = nowMillis;
        StatsSample sample = new StatsSample(nowMillis / 1000, stats, perSecond);
        synchronized (this) {
            samples.addLast(sample);
            while (samples.size() > capacity) {
                samples.removeFirst();
            }
        }
    }
}
