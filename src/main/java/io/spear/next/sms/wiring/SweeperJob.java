package io.spear.next.sms.wiring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.spear.next.registry.HeartbeatSweeper;
import io.spear.next.registry.Leadership;
import io.spear.next.sms.config.SmsConfig;
import io.spear.next.sms.metrics.MetricNames;
import io.spear.next.storage.kv.KvException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Runs the heartbeat sweeper every {@code sms.heartbeat.check-interval}, on a worker thread, one run at a time.
 * Created at startup, so that its meters are there (at 0) from the first scrape.
 */
@ApplicationScoped
@Startup
public class SweeperJob {

    private final HeartbeatSweeper sweeper;
    private final Leadership leadership;
    private final Duration timeout;
    private volatile boolean waitLogged;
    private final Counter markedUnhealthy;
    private final Counter reportsDropped;
    private final Counter nodesRemoved;
    private final Timer duration;

    SweeperJob(HeartbeatSweeper sweeper, Leadership leadership, SmsConfig config, MeterRegistry registry) {
        this.sweeper = sweeper;
        this.leadership = leadership;
        this.timeout = config.heartbeat().timeout();
        this.markedUnhealthy = Counter.builder(MetricNames.SWEEPER_MARKED_UNHEALTHY)
                .description("Nodes the sweeper marked unhealthy: no heartbeat within sms.heartbeat.timeout")
                .register(registry);
        this.reportsDropped = Counter.builder(MetricNames.SWEEPER_REPORTS_DROPPED)
                .description("Resource reports the sweeper dropped as stale")
                .register(registry);
        this.nodesRemoved = Counter.builder(MetricNames.SWEEPER_NODES_REMOVED)
                .description("Nodes the sweeper removed after a long silence")
                .register(registry);
        this.duration = Timer.builder(MetricNames.SWEEPER_DURATION)
                .description("Heartbeat sweep runs and their duration")
                .register(registry);
    }

    /** One sweep; run every {@code sms.heartbeat.check-interval} ({@link PeriodicJobs}). */
    public void sweep() {
        if (!leadership.leads()) {
            return;
        }
        if (leadership.storeReachableFor().compareTo(timeout) < 0) {
            // nodes could not beat while the store was away: give them one timeout to do so
            if (!waitLogged) {
                Log.infof(
                        "Heartbeat sweep waits: the store has answered for %s, less than one heartbeat timeout (%s)",
                        leadership.storeReachableFor(), timeout);
                waitLogged = true;
            }
            return;
        }
        waitLogged = false;
        HeartbeatSweeper.Result result;
        try {
            result = duration.record(sweeper::sweep);
        } catch (KvException e) {
            // the store is failing (full disk, closing): readiness says so; one line, not a stack
            // trace per interval, and the next run tries again
            Log.warnf("Heartbeat sweep skipped: %s", e.getMessage());
            return;
        }
        markedUnhealthy.increment(result.markedUnhealthy());
        reportsDropped.increment(result.reportsDropped());
        nodesRemoved.increment(result.nodesRemoved());
        if (result.markedUnhealthy() + result.reportsDropped() + result.nodesRemoved() > 0) {
            Log.infof(
                    "Heartbeat sweep: %d node(s) marked unhealthy, %d stale report(s) dropped, %d node(s) removed",
                    result.markedUnhealthy(), result.reportsDropped(), result.nodesRemoved());
        }
    }
}
