package io.spear.next.sms.config;

import io.quarkus.runtime.ValueRegistryConfigSource;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The gRPC server's address as written in the configuration, for the listeners that join the
 * server Quarkus started ({@code sms.grpc.GrpcEventLoops}). Quarkus' own {@code quarkus.grpc.server.*}
 * settings are not ours to map, and once the server listens Quarkus records the bound port under the
 * configured name, so the configured one is read from the sources themselves.
 */
public final class GrpcServerSettings {

    private static final String PREFIX = "quarkus.grpc.server.";

    private GrpcServerSettings() {}

    public static String host() {
        return ConfigProvider.getConfig().getValue(PREFIX + "host", String.class);
    }

    /**
     * The port as configured ({@code setting}: {@code port}, or {@code test-port} in tests), which
     * names the server Vert.x shares (0 in the tests), not the bound port Quarkus registers under the
     * same name once it listens: the first value a configuration source other than that registry
     * holds, profile first; -1 when that value is not a number (an expression: Quarkus expanded it,
     * this reads it raw).
     */
    public static int configuredPort(String setting) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        String name = PREFIX + setting;
        for (ConfigSource source : config.getConfigSources()) {
            if (source instanceof ValueRegistryConfigSource) {
                continue;
            }
            for (String profile : config.getProfiles()) {
                String value = source.getValue("%" + profile + "." + name);
                if (value != null) {
                    return number(value);
                }
            }
            String value = source.getValue(name);
            if (value != null) {
                return number(value);
            }
        }
        return config.getValue(name, Integer.class);
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException expression) {
            return -1;
        }
    }
}
