package io.spear.next.sms.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** Spear's SMS_* variables, with the original's precedence around its configuration file. */
class SpearEnvironmentTest {

    private static final Map<String, String> SPEARS = Map.of(
            "SMS_GRPC_ADDR", "0.0.0.0:50061",
            "SMS_HTTP_ADDR", "[::1]:8090",
            "SMS_DB_TYPE", "sled",
            "SMS_DB_PATH", "/data/sms",
            "SMS_LOG_LEVEL", "debug",
            "SMS_CLEANUP_INTERVAL", "300",
            "SMS_MCP_DIR", "/opt/mcp",
            "SMS_DB_POOL_SIZE", "4",
            "HOME", "/root");

    private static Map<String, String> below(List<ConfigSource> sources) {
        assertEquals(SpearEnvironment.BELOW_FILE, sources.get(0).getOrdinal());
        return sources.get(0).getProperties();
    }

    private static Map<String, String> above(List<ConfigSource> sources) {
        assertEquals(SpearEnvironment.ABOVE_FILE, sources.get(1).getOrdinal());
        return sources.get(1).getProperties();
    }

    @Test
    void withoutAFileEveryVariableWithACounterpartIsASetting() {
        List<ConfigSource> sources = SpearEnvironment.sources(SPEARS, null);
        assertEquals(
                Map.of(
                        "quarkus.grpc.server.host",
                        "0.0.0.0",
                        "quarkus.grpc.server.port",
                        "50061",
                        "quarkus.http.host",
                        "::1",
                        "quarkus.http.port",
                        "8090",
                        "kv.backend",
                        "rocksdb",
                        SpearSettings.SLED,
                        "SMS_DB_TYPE",
                        "kv.path",
                        "/data/sms",
                        "quarkus.log.level",
                        "DEBUG"),
                below(sources));
        assertEquals(
                Map.of(
                        "sms.heartbeat.check-interval",
                        "300s",
                        SpearEnvironment.IGNORED,
                        "SMS_DB_POOL_SIZE, SMS_MCP_DIR"),
                above(sources));
        assertTrue(SpearEnvironment.ABOVE_FILE > SpearTomlConfigSource.ORDINAL);
        assertTrue(SpearEnvironment.BELOW_FILE < SpearTomlConfigSource.ORDINAL);
        assertTrue(SpearEnvironment.ABOVE_FILE < 300, "below this service's own variables and the options");
    }

    @Test
    void aFileReplacesTheVariablesBelowItAsTheOriginalsDoes() {
        Path file = Path.of("/etc/sms/config.toml");
        List<ConfigSource> sources = SpearEnvironment.sources(SPEARS, file);
        assertEquals(Map.of(), below(sources));
        assertEquals("300s", above(sources).get("sms.heartbeat.check-interval"));
        String ignored = above(sources).get(SpearEnvironment.IGNORED);
        for (String name : List.of("SMS_GRPC_ADDR", "SMS_HTTP_ADDR", "SMS_DB_TYPE", "SMS_DB_PATH", "SMS_LOG_LEVEL")) {
            assertTrue(ignored.contains(name + " (" + file + " replaces it, as in Spear's SMS)"), ignored);
        }
    }

    @Test
    void durationsAndEmptyValuesAndMistakes() {
        assertEquals(
                "5m",
                above(SpearEnvironment.sources(Map.of("SMS_CLEANUP_INTERVAL", "5m"), null))
                        .get("sms.heartbeat.check-interval"));
        assertEquals(Map.of(), below(SpearEnvironment.sources(Map.of("SMS_DB_PATH", ""), null)), "empty: unset");
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class, () -> SpearEnvironment.sources(Map.of("SMS_GRPC_ADDR", "50051"), null));
        assertTrue(bad.getMessage().startsWith("SMS_GRPC_ADDR must be HOST:PORT"), bad.getMessage());
    }
}
