package io.spear.next.sms.launch;

import io.smallrye.config.common.MapBackedConfigSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The {@code SMS_*} environment variables of Spear's SMS, with the original's precedence (its
 * {@code src/sms/config.rs}): the addresses, the store and the log level rank below the
 * configuration file, and are not read at all when a file is, since the original's file replaces
 * every setting; the heartbeat timeout and the cleanup interval rank above the file (bare seconds,
 * as Spear writes them, or durations such as {@code 90s}). Options on the
 * command line outrank both. Variables with no counterpart here are listed in {@link #IGNORED},
 * for one startup warning.
 */
final class SpearEnvironment {

    /** The setting listing the variables this service ignores. */
    static final String IGNORED = "spear.environment.ignored";
    /** Just below the TOML file ({@link SpearTomlConfigSource#ORDINAL}). */
    static final int BELOW_FILE = SpearTomlConfigSource.ORDINAL - 5;
    /** Just above the TOML file, below this service's own environment variables (300). */
    static final int ABOVE_FILE = SpearTomlConfigSource.ORDINAL + 5;

    private static final List<String> NO_COUNTERPART = List.of(
            "SMS_DB_POOL_SIZE",
            "SMS_LOG_FORMAT",
            "SMS_LOG_FILE",
            "SMS_ENABLE_SWAGGER",
            "SMS_ENABLE_CONSOLE",
            "SMS_ENABLE_WEB_ADMIN",
            "SMS_WEB_ADMIN_ADDR",
            "SMS_MCP_DIR",
            "SMS_FILES_DIR",
            "SMS_EXECUTION_LOGS_DIR",
            "SMS_MAX_UPLOAD_BYTES",
            "SMS_EVENTS_KV_BACKEND",
            "SMS_EVENTS_KV_PATH");

    private SpearEnvironment() {}

    /**
     * The sources {@code env} makes, given the configuration file read ({@code null}: none).
     *
     * @throws IllegalArgumentException naming a variable whose value cannot be used
     */
    static List<ConfigSource> sources(Map<String, String> env, Path file) {
        Map<String, String> belowFile = new LinkedHashMap<>();
        Map<String, String> aboveFile = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (String name : List.of("SMS_GRPC_ADDR", "SMS_HTTP_ADDR", "SMS_DB_TYPE", "SMS_DB_PATH", "SMS_LOG_LEVEL")) {
            String value = env.get(name);
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (file != null) {
                ignored.add(name + " (" + file + " replaces it, as in Spear's SMS)");
                continue;
            }
            switch (name) {
                case "SMS_GRPC_ADDR" ->
                    SpearSettings.address(
                            name, value, "quarkus.grpc.server.host", "quarkus.grpc.server.port", belowFile);
                case "SMS_HTTP_ADDR" ->
                    SpearSettings.address(name, value, "quarkus.http.host", "quarkus.http.port", belowFile);
                case "SMS_DB_TYPE" -> SpearSettings.backend(name, value, belowFile);
                case "SMS_DB_PATH" -> belowFile.put("kv.path", value);
                default -> belowFile.put("quarkus.log.level", SpearSettings.logLevel(name, value));
            }
        }
        // SMS_HEARTBEAT_TIMEOUT is this service's own sms.heartbeat.timeout too, read from the
        // environment above the file: Spear's bare seconds ("120") and a duration ("90s") both work.
        String interval = env.get("SMS_CLEANUP_INTERVAL");
        if (interval != null && !interval.isEmpty()) {
            aboveFile.put(
                    "sms.heartbeat.check-interval",
                    interval.chars().allMatch(Character::isDigit)
                            ? SpearSettings.seconds("SMS_CLEANUP_INTERVAL", interval)
                            : interval);
        }
        NO_COUNTERPART.stream().filter(env::containsKey).forEach(ignored::add);
        if (!ignored.isEmpty()) {
            aboveFile.put(IGNORED, String.join(", ", ignored));
        }
        return List.of(
                new MapBackedConfigSource("Spear's SMS_* environment, below its file", belowFile, BELOW_FILE) {},
                new MapBackedConfigSource("Spear's SMS_* environment, above its file", aboveFile, ABOVE_FILE) {});
    }
}
