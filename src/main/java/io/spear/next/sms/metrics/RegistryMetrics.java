package io.spear.next.sms.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.Registry;
import jakarta.inject.Singleton;

/** Registry counters for the API to bump, and nodes per status read from the cluster totals. */
@Singleton
@Startup
public class RegistryMetrics {

    private final Counter registrations;
    private final Counter heartbeats;

    RegistryMetrics(MeterRegistry registry, NodeRegistry nodes, Registry store) {
        FunctionCounter.builder(MetricNames.CONFLICTS, store, Registry::conflicts)
                .description("Changes written again because another writer (thread or replica) changed the node first")
                .register(registry);
        Gauge.builder(MetricNames.WRITE_QUEUE, store, Registry::queuedWrites)
                .description("Changes waiting for the registry's writer; at " + Registry.writeQueueCapacity()
                        + " new ones are refused (503, RESOURCE_EXHAUSTED)")
                .register(registry);
        this.registrations = Counter.builder(MetricNames.REGISTRATIONS)
                .description("Nodes registered")
                .register(registry);
        this.heartbeats = Counter.builder(MetricNames.HEARTBEATS)
                .description("Heartbeats received")
                .register(registry);
        for (NodeStatus status : NodeStatus.values()) {
            Gauge.builder(
                            MetricNames.NODES,
                            nodes,
                            registered -> registered.clusterStats().nodes(status))
                    .description("Registered nodes by status")
                    .tag(MetricNames.STATUS, status.wireName())
                    .register(registry);
        }
    }

    public void registered() {
        registrations.increment();
    }

    public void heartbeat() {
        heartbeats.increment();
    }

    /** Heartbeats received by this instance since it started (REST and gRPC). */
    public long heartbeats() {
        return (long) heartbeats.count();
    }
}
