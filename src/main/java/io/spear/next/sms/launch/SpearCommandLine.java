package io.spear.next.sms.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of Spear's own SMS ({@code sms [OPTIONS]}), mapped onto this service's
 * settings so that the image drops into Spear's deployment unchanged. Each option becomes a system
 * property, which outranks every other configuration source, as the original's options outrank
 * its file. Options with no equivalent here are named in {@link #IGNORED}, for one startup warning.
 */
public final class SpearCommandLine {

    /** The system property naming the original's options this service ignores. */
    public static final String IGNORED = "spear.command-line.ignored";

    /** The options that take a value. */
    private static final Set<String> WITH_VALUE = Set.of(
            "-c",
            "--config",
            "--grpc-addr",
            "--http-addr",
            "--db-type",
            "--db-path",
            "--db-pool-size",
            "--heartbeat-timeout",
            "--cleanup-interval",
            "--log-level");

    /** What the command line asks for. */
    public sealed interface Launch {
        record Help() implements Launch {}

        record Version() implements Launch {}

        /** Start the service with these system properties. */
        record Run(Map<String, String> properties) implements Launch {}
    }

    private SpearCommandLine() {}

    /**
     * Reads the arguments: a leading {@code sms} (the chart's {@code args: [sms]}) is skipped,
     * options take their value as the next argument or after {@code =}.
     *
     * @throws IllegalArgumentException naming the argument at fault
     */
    public static Launch parse(String... args) {
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        int i = args.length > 0 && args[0].equals("sms") ? 1 : 0;
        for (; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "-h", "--help" -> {
                    return new Launch.Help();
                }
                case "-V", "--version" -> {
                    return new Launch.Version();
                }
                case "--enable-swagger", "--disable-swagger" ->
                    ignored.add(name + " (no Swagger UI in production; the OpenAPI document is at /q/openapi)");
                default -> {
                    if (!name.startsWith("-")) {
                        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                    }
                    if (!WITH_VALUE.contains(name)) {
                        throw new IllegalArgumentException("unknown option " + name);
                    }
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    option(name, value, properties, ignored);
                }
            }
        }
        if (!ignored.isEmpty()) {
            properties.put(IGNORED, String.join(", ", ignored));
        }
        return new Launch.Run(properties);
    }

    private static void option(String name, String value, Map<String, String> properties, List<String> ignored) {
        switch (name) {
            case "-c", "--config" -> properties.put(SpearTomlConfigSource.LOCATION, value);
            case "--grpc-addr" ->
                SpearSettings.address(name, value, "quarkus.grpc.server.host", "quarkus.grpc.server.port", properties);
            case "--http-addr" ->
                SpearSettings.address(name, value, "quarkus.http.host", "quarkus.http.port", properties);
            case "--db-type" -> SpearSettings.backend(name, value, properties);
            case "--db-path" -> properties.put("kv.path", value);
            case "--heartbeat-timeout" -> properties.put("sms.heartbeat.timeout", SpearSettings.seconds(name, value));
            case "--cleanup-interval" ->
                properties.put("sms.heartbeat.check-interval", SpearSettings.seconds(name, value));
            case "--log-level" -> properties.put("quarkus.log.level", SpearSettings.logLevel(name, value));
            case "--db-pool-size" -> ignored.add(name + " (the store is embedded: no connection pool)");
            default -> throw new IllegalStateException("no mapping for " + name);
        }
    }

    /** What {@code sms --help} prints. */
    public static String usage() {
        return """
                Spear-Next metadata server (SMS)

                Usage: sms [OPTIONS]

                Options (each overrides the configuration file and the environment):
                  -c, --config <FILE>             TOML configuration file (also: SPEAR_CONFIG)
                      --grpc-addr <HOST:PORT>     gRPC listen address   [quarkus.grpc.server.host/port]
                      --http-addr <HOST:PORT>     HTTP listen address   [quarkus.http.host/port]
                      --db-type <TYPE>            rocksdb, memory or etcd; sled: rocksdb  [kv.backend]
                      --db-path <PATH>            database directory    [kv.path]
                      --heartbeat-timeout <SECS>  silent this long: unhealthy  [sms.heartbeat.timeout]
                      --cleanup-interval <SECS>   how often silent nodes are looked for
                                                  [sms.heartbeat.check-interval]
                      --log-level <LEVEL>         trace, debug, info, warn, error  [quarkus.log.level]
                      --db-pool-size <N>          accepted and ignored (the store is embedded)
                      --enable-swagger, --disable-swagger
                                                  accepted and ignored (OpenAPI at /q/openapi)
                  -h, --help                      print this help
                  -V, --version                   print the version

                Every other setting: application.properties, environment variables (KV_PATH...),
                or -Dname=value before -jar; see the README.
                """;
    }
}
