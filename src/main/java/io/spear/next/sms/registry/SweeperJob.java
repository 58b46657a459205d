package io.spear.next.sms.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.spear.next.registry.HeartbeatSweeper;
import io.spear.next.sms.metrics.MetricNames;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the heartbeat sweeper every {@code sms.heartbeat.check-interval}, on a worker thread, one run at a time. */
@ApplicationScoped
public class SweeperJob {

    private final HeartbeatSweeper sweeper;
    private final Counter runs;
    private final Counter markedUnhealthy;
    private final Counter reportsDropped;
    private final Counter nodesRemoved;

    SweeperJob(HeartbeatSweeper sweeper, MeterRegistry registry) {
        this.sweeper = sweeper;
        this.runs = registry.counter(MetricNames.SWEEPER_RUNS);
        this.markedUnhealthy = registry.counter(MetricNames.SWEEPER_MARKED_UNHEALTHY);
        this.reportsDropped = registry.counter(MetricNames.SWEEPER_REPORTS_DROPPED);
        this.nodesRemoved = registry.counter(MetricNames.SWEEPER_NODES_REMOVED);
    }

    @Scheduled(identity = "heartbeat-sweeper", every = "${sms.heartbeat.check-interval}",
            delayed = "${sms.heartbeat.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        HeartbeatSweeper.Result result = sweeper.sweep();
        runs.increment();
        markedUnhealthy.increment(result.markedUnhealthy());
        reportsDropped.increment(result.reportsDropped());
        nodesRemoved.increment(result.nodesRemoved());
        if (result.markedUnhealthy() + result.reportsDropped() + result.nodesRemoved() > 0) {
            Log.infof("Heartbeat sweep: %d node(s) marked unhealthy, %d stale report(s) dropped, %d node(s) removed",
                    result.markedUnhealthy(), result.reportsDropped(), result.nodesRemoved());
        }
    }
}
