package io.spear.next.sms.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spear's own configuration file (config/sms/config-rocksdb.toml), read as settings of this service.
 * Its top-level settings follow {@code [http]}, so TOML puts them in that table.
 */
class SpearTomlConfigSourceTest {

    static final String SPEARS_FILE = """
            [grpc]
            addr = "0.0.0.0:50051"
            enable_tls = false

            [http]
            addr = "0.0.0.0:8080"
            enable_tls = false

            enable_swagger = true
            enable_web_admin = false
            heartbeat_timeout = 120
            cleanup_interval = 300
            max_upload_bytes = 67108864

            [web_admin]
            addr = "0.0.0.0:8081"
            enable_tls = false

            [database]
            db_type = "rocksdb"
            path = "./data/rocksdb-node-service"
            pool_size = 10

            [event_kv]
            backend = "rocksdb"
            params = { path = "./data/events-rocksdb" }
            """;

    @TempDir
    Path dir;

    private Map<String, String> read(String toml) throws Exception {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, toml);
        return SpearTomlConfigSource.read(file);
    }

    @Test
    void spearsFileSetsListenersStorageAndTimingAndNamesWhatItIgnores() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("quarkus.grpc.server.host", "0.0.0.0");
        expected.put("quarkus.grpc.server.port", "50051");
        expected.put("quarkus.http.host", "0.0.0.0");
        expected.put("quarkus.http.port", "8080");
        expected.put("sms.heartbeat.timeout", "120s");
        expected.put("sms.heartbeat.check-interval", "300s");
        expected.put("kv.backend", "rocksdb");
        expected.put("kv.path", "./data/rocksdb-node-service");
        expected.put(
                SpearTomlConfigSource.IGNORED,
                "[http] enable_swagger, [http] enable_web_admin, [http] max_upload_bytes, web_admin, "
                        + "[database] pool_size, event_kv");
        expected.put(SpearTomlConfigSource.FILE, dir.resolve("config.toml").toString());
        assertEquals(expected, read(SPEARS_FILE));
    }

    @Test
    void theChartsFileSetsTheLogLevelAndNamesTheRest() throws Exception {
        Map<String, String> settings = read("""
                files_dir = "/var/lib/spear/files"

                [logging]
                level = "debug"
                format = "json"
                file = ""

                [mcp]
                dir = ""
                """);
        assertEquals("DEBUG", settings.get("quarkus.log.level"));
        assertEquals("files_dir, [logging] format, mcp", settings.get(SpearTomlConfigSource.IGNORED));
    }

    @Test
    void topLevelSettingsAreReadBeforeAnyTableToo() throws Exception {
        Map<String, String> settings = read("heartbeat_timeout = 30\ncleanup_interval = 5\nweb_root = \"x\"\n");
        assertEquals("30s", settings.get("sms.heartbeat.timeout"));
        assertEquals("5s", settings.get("sms.heartbeat.check-interval"));
        assertEquals("web_root", settings.get(SpearTomlConfigSource.IGNORED));
    }

    @Test
    void tlsSwitchedOnServesTlsFromTheNamedFilesOrStopsTheBoot() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "certificate");
        Path key = Files.writeString(dir.resolve("key.pem"), "key");
        String files = "cert_path = \"" + cert + "\"\nkey_path = \"" + key + "\"\n";
        Map<String, String> http = read("[http]\naddr = \"127.0.0.1:6000\"\nenable_tls = true\n" + files);
        assertEquals("spear-http", http.get("quarkus.http.tls-configuration-name"));
        assertEquals(cert.toString(), http.get("quarkus.tls.spear-http.key-store.pem.0.cert"));
        assertEquals(key.toString(), http.get("quarkus.tls.spear-http.key-store.pem.0.key"));
        assertEquals("${quarkus.http.port}", http.get("quarkus.http.ssl-port"), "HTTPS on the listener's port");
        assertEquals("disabled", http.get("quarkus.http.insecure-requests"), "and no plaintext port");
        Map<String, String> grpc = read("[grpc]\nenable_tls = true\n" + files);
        assertEquals("false", grpc.get("quarkus.grpc.server.plain-text"));
        assertEquals(cert.toString(), grpc.get("quarkus.grpc.server.ssl.certificate"));
        assertEquals(key.toString(), grpc.get("quarkus.grpc.server.ssl.key"));

        for (String table : new String[] {"grpc", "http"}) {
            IllegalArgumentException noKey = assertThrows(
                    IllegalArgumentException.class,
                    () -> read("[" + table + "]\nenable_tls = true\ncert_path = \"" + cert + "\"\n"));
            assertTrue(
                    noKey.getMessage().contains("[" + table + "] enable_tls = true needs cert_path and key_path"),
                    noKey.getMessage());
            IllegalArgumentException missing = assertThrows(
                    IllegalArgumentException.class,
                    () -> read("[" + table + "]\nenable_tls = true\ncert_path = \"" + dir.resolve("none.pem")
                            + "\"\nkey_path = \"" + key + "\"\n"));
            assertTrue(
                    missing.getMessage()
                            .contains("cert_path " + dir.resolve("none.pem") + " is missing or not readable"),
                    missing.getMessage());
        }
        Map<String, String> off = read("[grpc]\naddr = \"127.0.0.1:6000\"\nenable_tls = false\ncert_path = \"\"\n");
        assertEquals("6000", off.get("quarkus.grpc.server.port"));
        assertEquals(null, off.get("quarkus.grpc.server.plain-text"), "TLS off: plaintext, as configured");
        assertEquals(null, off.get(SpearTomlConfigSource.IGNORED), "an empty cert_path is nothing to warn about");
    }

    @Test
    void mistakesNameTheFileAndTheKey() throws Exception {
        Path file = dir.resolve("config.toml");
        IllegalArgumentException badAddress =
                assertThrows(IllegalArgumentException.class, () -> read("[http]\naddr = \"8080\"\n"));
        assertTrue(
                badAddress.getMessage().startsWith(file + ": [http] addr must be HOST:PORT"), badAddress.getMessage());
        Map<String, String> sled = read("[database]\ndb_type = \"sled\"\n");
        assertEquals("rocksdb", sled.get("kv.backend"));
        assertEquals(file + ": [database] db_type", sled.get("spear.sled"));
        IllegalArgumentException notToml =
                assertThrows(IllegalArgumentException.class, () -> read("[grpc\naddr = 1\n"));
        assertTrue(notToml.getMessage().contains("cannot read the configuration file " + file), notToml.getMessage());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class, () -> SpearTomlConfigSource.read(dir.resolve("none.toml")));
        assertTrue(missing.getMessage().contains("none.toml"), missing.getMessage());
    }
}
