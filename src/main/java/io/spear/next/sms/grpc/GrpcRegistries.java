package io.spear.next.sms.grpc;

import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeResourceRegistry;
import io.spear.next.sms.metrics.RegistryMetrics;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The registries the gRPC service calls, behind a lazy proxy. Quarkus starts the gRPC server (and
 * creates its services, on the event loop) before the application's startup opens the registry,
 * which reads the store; through this proxy the registry is first reached from a call on the
 * worker pool, never from the event loop, also when an agent calls in that early.
 */
@ApplicationScoped
class GrpcRegistries {

    private final NodeRegistry nodes;
    private final NodeResourceRegistry resources;
    private final RegistryMetrics metrics;

    GrpcRegistries(NodeRegistry nodes, NodeResourceRegistry resources, RegistryMetrics metrics) {
        this.nodes = nodes;
        this.resources = resources;
        this.metrics = metrics;
    }

    NodeRegistry nodes() {
        return nodes;
    }

    NodeResourceRegistry resources() {
        return resources;
    }

    RegistryMetrics metrics() {
        return metrics;
    }
}
