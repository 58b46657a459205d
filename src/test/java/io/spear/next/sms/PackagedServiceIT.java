package io.spear.next.sms;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.testing.ReadOnlyDirectory;
import io.spear.next.testing.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as operators run it: configured from the environment, one process per directory. */
class PackagedServiceIT {

    private static final Duration BOOT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void kvBackendAndKvPathFromTheEnvironmentWorkAsTheSeedShows() throws Exception {
        Path data = work.resolve("var/lib/spear/rocksdb");
        try (ServiceProcess sms = ServiceProcess.start(
                        work,
                        Map.of(
                                "KV_BACKEND", "rocksdb",
                                "KV_PATH", data.toString(),
                                "KV_ROCKSDB_MAX_OPEN_FILES", "500",
                                "KV_ROCKSDB_COMPRESSION", "zstd"))
                .awaitReady(BOOT)) {
            given().port(sms.port())
                    .when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'kv-store-ready' }.data.path", equalTo(data.toString()))
                    .body("checks.find { it.name == 'kv-store-ready' }.data.lock", equalTo("held"));
            String options = latestOptions(data);
            assertTrue(options.contains("max_open_files=500"), options);
            assertTrue(options.contains("compression=kZSTD"), options);
        }
    }

    @Test
    void theEmbeddedDefaultIsRocksDbInDataKv() throws Exception {
        try (ServiceProcess sms = ServiceProcess.start(work, Map.of()).awaitReady(BOOT)) {
            given().port(sms.port())
                    .when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'kv-store-ready' }.data.backend", equalTo("rocksdb"))
                    .body(
                            "checks.find { it.name == 'kv-store-ready' }.data.path",
                            equalTo(work.resolve("data/kv").toString()));
        }
    }

    @Test
    void aSecondProcessOnTheSameDirectoryExitsWithTheLockMessageAndTheFirstKeepsServing() throws Exception {
        Path data = work.resolve("shared");
        Map<String, String> env = Map.of("KV_PATH", data.toString());
        try (ServiceProcess first = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            String uuid = ServiceProcess.register(first.port());
            // a client keeps heartbeating the first process while the second tries to start
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread client = new Thread(() -> {
                while (!stop.get()) {
                    statuses.add(given().port(first.port())
                            .post("/api/v1/nodes/" + uuid + "/heartbeat")
                            .statusCode());
                }
            });
            client.start();
            try (ServiceProcess second = ServiceProcess.start(work, env)) {
                assertEquals(1, second.awaitExit(BOOT), second.output());
                stop.set(true);
                client.join();
                assertTrue(statuses.size() > 10, "heartbeats sent: " + statuses.size());
                assertEquals(List.of(200), statuses.stream().distinct().toList(), "the first process missed a beat");
                List<String> errors = second.errorLines();
                assertEquals(1, errors.size(), second.output());
                String reason = errors.get(errors.size() - 1);
                assertTrue(reason.contains("the RocksDB directory " + data + " is locked by another process"), reason);
                assertTrue(reason.contains("stop the other process"), reason);
                assertTrue(
                        second.output().strip().endsWith("different directory"),
                        "nothing buries the reason:\n" + second.output());
            }
            given().port(first.port())
                    .when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'kv-store-ready' }.data.lock", equalTo("held"));
        }
    }

    @Test
    void sigtermClosesTheStoreSoTheNextProcessOpensItAtOnce() throws Exception {
        Map<String, String> env = Map.of("KV_PATH", work.resolve("restart").toString());
        ServiceProcess first = ServiceProcess.start(work, env).awaitReady(BOOT);
        int exit = first.stop();
        assertTrue(exit == 0 || exit == 143, "exit code " + exit);
        assertTrue(first.output().contains("Closed the rocksdb KV store: " + work.resolve("restart")), first.output());
        assertEquals(List.of(), first.errorLines());
        try (ServiceProcess again = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            assertTrue(again.isAlive());
        }
    }

    @Test
    void theRegistrySurvivesARestartAndAKill9() throws Exception {
        Map<String, String> env = Map.of("KV_PATH", work.resolve("registry").toString());
        Map<String, String> before;
        String stats;
        try (ServiceProcess sms = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            List<String> uuids = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                uuids.add(given().port(sms.port())
                        .contentType("application/json")
                        .body("{\"ip_address\": \"10.0.0." + i + "\", \"port\": 7000, \"metadata\": {\"i\": \"" + i
                                + "\"}}")
                        .post("/api/v1/nodes")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("uuid"));
            }
            for (int i = 0; i < 6; i++) {
                given().port(sms.port())
                        .contentType("application/json")
                        .body(
                                "{\"health_info\": {\"ok\": \"yes\"}, \"resource\": {\"cpu_usage_percent\": " + (10 * i)
                                        + ", \"memory_usage_percent\": 50, \"total_memory_bytes\": 100, \"used_memory_bytes\": 50}}")
                        .post("/api/v1/nodes/" + uuids.get(i) + "/heartbeat")
                        .then()
                        .statusCode(200);
            }
            given().port(sms.port())
                    .contentType("application/json")
                    .body("{\"status\": \"decommissioning\"}")
                    .put("/api/v1/nodes/" + uuids.get(7))
                    .then()
                    .statusCode(200);
            given().port(sms.port())
                    .delete("/api/v1/nodes/" + uuids.get(8))
                    .then()
                    .statusCode(204);
            before = snapshot(sms, uuids);
            stats = given().port(sms.port())
                    .get("/api/v1/cluster/stats")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
        }
        String afterKill;
        try (ServiceProcess restarted = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            assertEquals(before, snapshot(restarted, List.copyOf(before.keySet())));
            assertEquals(
                    stats,
                    given().port(restarted.port()).get("/api/v1/cluster/stats").asString());
            String uuid = given().port(restarted.port())
                    .contentType("application/json")
                    .body("{\"ip_address\": \"10.9.9.9\", \"port\": 1}")
                    .post("/api/v1/nodes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("uuid");
            given().port(restarted.port())
                    .contentType("application/json")
                    .body("{\"name\": \"acknowledged\"}")
                    .put("/api/v1/nodes/" + uuid)
                    .then()
                    .statusCode(200);
            afterKill = uuid;
            restarted.kill();
        }
        try (ServiceProcess recovered = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            given().port(recovered.port())
                    .get("/api/v1/nodes/" + afterKill)
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("acknowledged"))
                    .body("revision", equalTo(2));
            assertEquals(before, snapshot(recovered, List.copyOf(before.keySet())));
        }
    }

    /** Every node's with-resource body (or its status code when gone), by uuid. */
    private static Map<String, String> snapshot(ServiceProcess sms, List<String> uuids) {
        Map<String, String> bodies = new java.util.TreeMap<>();
        for (String uuid : uuids) {
            var response = given().port(sms.port()).get("/api/v1/nodes/" + uuid + "/with-resource");
            bodies.put(uuid, response.statusCode() + " " + response.asString());
        }
        return bodies;
    }

    @Test
    void theManifestsProbesAnswerOnAnInstanceStartedWithTheirEnvironment() throws Exception {
        com.fasterxml.jackson.databind.JsonNode container = io.spear.next.testing.Manifests.kind(
                        io.spear.next.testing.Manifests.load(), "Deployment")
                .at("/spec/template/spec/containers/0");
        Map<String, String> env = new java.util.HashMap<>();
        container
                .path("env")
                .forEach(v -> env.put(v.path("name").asText(), v.path("value").asText()));
        env.remove("JAVA_OPTS_APPEND");
        env.put("KV_PATH", work.resolve("volume/rocksdb").toString()); // the volume, here
        env.put("KV_BACKUP_DIR", work.resolve("volume/backups").toString());
        try (ServiceProcess sms = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                given().port(sms.port())
                        .get(container.at("/" + probe + "/httpGet/path").asText())
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP"));
            }
            given().port(sms.port()).get("/q/metrics").then().statusCode(200);
        }
    }

    @Test
    void aBadRocksDbParameterStopsTheBootNamingIt() throws Exception {
        try (ServiceProcess sms = ServiceProcess.start(work, Map.of("KV_ROCKSDB_COMPRESSION", "gzip"))) {
            assertEquals(1, sms.awaitExit(BOOT), sms.output());
            String reason = String.join("\n", sms.errorLines());
            assertTrue(
                    reason.contains("invalid value 'gzip' for RocksDB parameter compression: expected one of "
                            + "none, snappy, lz4, zstd"),
                    sms.output());
        }
    }

    @Test
    void anUnknownBackendStopsTheBootListingTheSupportedOnes() throws Exception {
        try (ServiceProcess sms = ServiceProcess.start(work, Map.of("KV_BACKEND", "sled"))) {
            assertNotEquals(0, sms.awaitExit(BOOT), sms.output());
            assertTrue(sms.output().contains("sled"), sms.output());
            assertTrue(sms.output().contains("memory") && sms.output().contains("rocksdb"), sms.output());
            assertTrue(Files.notExists(work.resolve("data/kv")), "no store was opened");
        }
    }

    @Test
    void dataFromANewerReleaseStopsTheBootInsteadOfBeingMisread() throws Exception {
        Path dir = work.resolve("newer");
        try (KvStore store = KvStoreFactory.open(KvStoreConfig.rocksdb(dir.toString()))) {
            store.put("registry-meta:format", "99".getBytes(StandardCharsets.US_ASCII));
        }
        try (ServiceProcess sms = ServiceProcess.start(work, Map.of("KV_PATH", dir.toString()))) {
            assertEquals(1, sms.awaitExit(BOOT), sms.output());
            String reason = String.join("\n", sms.errorLines());
            assertTrue(
                    reason.contains("in " + dir.toAbsolutePath() + " is in format 99, written by a newer release"),
                    sms.output());
        }
    }

    @Test
    void anUnwritableDirectoryStopsTheBootNamingThePath() throws Exception {
        Path parent = Files.createDirectories(work.resolve("read-only"));
        try (ReadOnlyDirectory readOnly = ReadOnlyDirectory.of(parent);
                ServiceProcess sms = ServiceProcess.start(
                        work, Map.of("KV_PATH", parent.resolve("kv").toString()))) {
            assertEquals(1, sms.awaitExit(BOOT), sms.output());
            String reason = String.join("\n", sms.errorLines());
            assertTrue(reason.contains(parent.resolve("kv").toString()), sms.output());
            assertTrue(reason.contains("point KV_PATH / kv.path at a directory"), sms.output());
        }
    }

    private static String latestOptions(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Path latest = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
            return Files.readString(latest);
        }
    }
}
