package io.spear.next.sms.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SpearCommandLineTest {

    private static Map<String, String> run(String... args) {
        return assertInstanceOf(SpearCommandLine.Launch.Run.class, SpearCommandLine.parse(args))
                .properties();
    }

    @Test
    void theOriginalsOptionsBecomeThisServicesSettings() {
        Map<String, String> properties = run(
                "sms",
                "--grpc-addr",
                "0.0.0.0:50051",
                "--http-addr=[::1]:8080",
                "--db-type",
                "rocksdb",
                "--db-path",
                "/var/lib/spear/db",
                "--heartbeat-timeout",
                "120",
                "--cleanup-interval",
                "300",
                "--log-level",
                "debug",
                "-c",
                "/etc/sms/config.toml");
        assertEquals("0.0.0.0", properties.get("quarkus.grpc.server.host"));
        assertEquals("50051", properties.get("quarkus.grpc.server.port"));
        assertEquals("::1", properties.get("quarkus.http.host"));
        assertEquals("8080", properties.get("quarkus.http.port"));
        assertEquals("rocksdb", properties.get("kv.backend"));
        assertEquals("/var/lib/spear/db", properties.get("kv.path"));
        assertEquals("120s", properties.get("sms.heartbeat.timeout"));
        assertEquals("300s", properties.get("sms.heartbeat.check-interval"));
        assertEquals("DEBUG", properties.get("quarkus.log.level"));
        assertEquals("/etc/sms/config.toml", properties.get("spear.config"));
        assertEquals(null, properties.get(SpearCommandLine.IGNORED));
    }

    @Test
    void optionsWithNoCounterpartAreAcceptedAndNamed() {
        Map<String, String> properties = run("--db-pool-size", "10", "--enable-swagger");
        assertEquals(
                Map.of(
                        SpearCommandLine.IGNORED,
                        "--db-pool-size (the store is embedded: no connection pool), "
                                + "--enable-swagger (no Swagger UI in production; the OpenAPI document is at /q/openapi)"),
                properties);
    }

    @Test
    void helpAndVersionWinOverEverythingElse() {
        assertInstanceOf(SpearCommandLine.Launch.Help.class, SpearCommandLine.parse("sms", "--db-path", "x", "-h"));
        assertInstanceOf(SpearCommandLine.Launch.Version.class, SpearCommandLine.parse("-V"));
        assertTrue(SpearCommandLine.usage().contains("--grpc-addr <HOST:PORT>"));
        assertEquals(Map.of(), run());
        assertEquals(Map.of(), run("sms"));
    }

    @Test
    void mistakesAreRefusedNamingTheArgument() {
        assertEquals(
                "unknown option --bogus",
                assertThrows(IllegalArgumentException.class, () -> SpearCommandLine.parse("--bogus"))
                        .getMessage());
        assertEquals(
                "unknown option --db-size",
                assertThrows(IllegalArgumentException.class, () -> SpearCommandLine.parse("--db-size", "1"))
                        .getMessage());
        assertEquals(
                "--db-path needs a value",
                assertThrows(IllegalArgumentException.class, () -> SpearCommandLine.parse("--db-path"))
                        .getMessage());
        assertEquals(
                "unexpected argument 'serve'",
                assertThrows(IllegalArgumentException.class, () -> SpearCommandLine.parse("sms", "serve"))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpearCommandLine.parse("--http-addr", "8080"))
                .getMessage()
                .contains("HOST:PORT"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> SpearCommandLine.parse("--grpc-addr", "0.0.0.0:70000"))
                .getMessage()
                .contains("0 to 65535"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> SpearCommandLine.parse("--heartbeat-timeout", "-5"))
                        .getMessage()
                        .contains("whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpearCommandLine.parse("--log-level", "loud"))
                .getMessage()
                .contains("trace, debug, info, warn, error"));
    }

    @Test
    void sledTheOriginalsDefaultIsServedByRocksDbAndRemembered() {
        Map<String, String> properties =
                ((SpearCommandLine.Launch.Run) SpearCommandLine.parse("sms", "--db-type", "sled")).properties();
        assertEquals("rocksdb", properties.get("kv.backend"));
        assertEquals("--db-type", properties.get("spear.sled"));
    }
}
