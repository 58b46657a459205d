package io.spear.next.sms.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Runs one gRPC server instance per core, each on an event loop of its own ({@code
 * quarkus.grpc.server.instances}, Quarkus' default being one instance: one thread for every gRPC
 * call). A default only: application.properties, the environment and system properties override it.
 */
public class GrpcServerInstances implements ConfigSource {

    static final String INSTANCES = "quarkus.grpc.server.instances";

    /** Above Quarkus' built-in defaults, below every source a user writes (application.properties is 250). */
    private static final int ORDINAL = 50;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(INSTANCES, Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(INSTANCES);
    }

    @Override
    public String getValue(String propertyName) {
        return getProperties().get(propertyName);
    }

    @Override
    public String getName() {
        return "one gRPC server instance per core";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
