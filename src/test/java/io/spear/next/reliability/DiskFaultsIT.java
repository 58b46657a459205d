package io.spear.next.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.spear.next.testing.ReadOnlyDirectory;
import io.spear.next.testing.ServiceProcess;
import io.spear.next.testing.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on a data directory that fills up or turns read-only: writes answer 503 problem
 * with the reason, reads go on, readiness is DOWN; once space or permission returns, writes work
 * again without a restart, and everything acknowledged is still there, then and after a restart.
 */
class DiskFaultsIT {

    private static final Duration BOOT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    /** Breaks the directory, and mends it. */
    interface Fault {
        AutoCloseable apply() throws Exception;
    }

    @Test
    void aFullDiskRefusesWritesWith503KeepsReadsAndRecoversWithoutARestart() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(work.resolve("disk"), 128)) {
            Path data = disk.path().resolve("kv");
            faultAndRecovery(data, "No space left on device", () -> {
                disk.fill();
                return disk::free;
            });
        }
    }

    @Test
    void onASmallVolumeReadinessSaysTheWriteAheadLogTakesItsSpaceAndWhatToSet() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(work.resolve("small"), 128)) {
            Map<String, String> env =
                    Map.of("KV_PATH", disk.path().resolve("kv").toString());
            try (ServiceProcess sms = ServiceProcess.start(work, env)) {
                Awaitility.await("readiness answers")
                        .atMost(BOOT)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            try {
                                return given().port(sms.port())
                                                .get("/q/health/ready")
                                                .statusCode()
                                        == 503;
                            } catch (Exception notListeningYet) {
                                return false;
                            }
                        });
                String reason = given().port(sms.port())
                        .get("/q/health/ready")
                        .then()
                        .statusCode(503)
                        .extract()
                        .path("checks.find { it.name == 'kv-store-ready' }.data.reason");
                assertTrue(
                        reason.contains("below kv.health.min-free-bytes=104857600")
                                && reason.contains("RocksDB's write-ahead log, which it preallocates")
                                && reason.contains("lower kv.health.min-free-bytes (KV_HEALTH_MIN_FREE_BYTES)"),
                        reason);
            }
            // what the reason says to do works: the same volume, a lower minimum
            Map<String, String> lower = Map.of(
                    "KV_PATH",
                    disk.path().resolve("kv").toString(),
                    "KV_HEALTH_MIN_FREE_BYTES",
                    Integer.toString(16 << 20));
            try (ServiceProcess sms = ServiceProcess.start(work, lower).awaitReady(BOOT)) {
                given().port(sms.port()).get("/q/health/ready").then().statusCode(200);
            }
        }
    }

    @Test
    void aReadOnlyDirectoryRefusesWritesWith503AndRecoversWhenWritableAgain() throws Exception {
        Path data = work.resolve("kv");
        faultAndRecovery(data, data.toString(), () -> ReadOnlyDirectory.of(data));
    }

    private void faultAndRecovery(Path data, String reason, Fault fault) throws Exception {
        Map<String, String> env = Map.of(
                "KV_PATH",
                data.toString(),
                "KV_BACKUP_DIR",
                work.resolve("backups").toString(),
                "KV_HEALTH_MIN_FREE_BYTES",
                Integer.toString(8 << 20),
                // a small memtable: RocksDB preallocates its WAL ~10 % beyond it, and needs a new
                // file soon after, so that the fault, not the preallocation, decides
                "KV_ROCKSDB_WRITE_BUFFER_SIZE",
                "1MiB");
        List<String> acknowledged = new ArrayList<>();
        try (ServiceProcess sms = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            for (int i = 0; i < 20; i++) {
                acknowledged.add(register(sms).then().statusCode(201).extract().path("uuid"));
            }
            AutoCloseable mend = fault.apply();
            // what RocksDB has already allocated still takes writes; then every write is refused
            Response refused = null;
            for (int i = 0; i < 500 && refused == null; i++) {
                Response response = registerLarge(sms);
                if (response.statusCode() == 201) {
                    acknowledged.add(response.path("uuid"));
                } else {
                    refused = response;
                }
            }
            assertTrue(refused != null, "a write was refused");
            refused.then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("detail", containsString(reason))
                    .body("detail", containsString(data.toString()));
            register(sms).then().statusCode(503);
            given().port(sms.port())
                    .contentType("application/json")
                    .body("{}")
                    .post("/api/v1/nodes/" + acknowledged.get(0) + "/heartbeat")
                    .then()
                    .statusCode(503);
            assertEveryNodePresent(sms, acknowledged);
            given().port(sms.port())
                    .get("/api/v1/cluster/stats")
                    .then()
                    .statusCode(200)
                    .body("total_nodes", equalTo(acknowledged.size()));
            given().port(sms.port())
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'kv-store-ready' }.data.reason", containsString(data.toString()));
            given().port(sms.port()).get("/q/health/live").then().statusCode(200);

            mend.close();
            Awaitility.await("writes accepted again")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        Response again = register(sms);
                        if (again.statusCode() == 201) {
                            acknowledged.add(again.path("uuid"));
                            return true;
                        }
                        return false;
                    });
            given().port(sms.port()).get("/q/health/ready").then().statusCode(200);
            assertEveryNodePresent(sms, acknowledged);
        }
        try (ServiceProcess restarted = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            assertEveryNodePresent(restarted, acknowledged);
            given().port(restarted.port())
                    .get("/api/v1/cluster/stats")
                    .then()
                    .statusCode(200)
                    .body("total_nodes", equalTo(acknowledged.size()));
        }
        assertTrue(Files.isDirectory(data));
    }

    private static Response register(ServiceProcess sms) {
        return given().port(sms.port())
                .contentType("application/json")
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": 7000}")
                .post("/api/v1/nodes");
    }

    /** A node with 64 KiB of metadata, to reach the fault quickly. */
    private static Response registerLarge(ServiceProcess sms) {
        StringBuilder metadata = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            metadata.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(i)
                    .append("\": \"")
                    .append("v".repeat(1000))
                    .append('"');
        }
        return given().port(sms.port())
                .contentType("application/json")
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": 7000, \"metadata\": {" + metadata + "}}")
                .post("/api/v1/nodes");
    }

    private static void assertEveryNodePresent(ServiceProcess sms, List<String> uuids) {
        for (String uuid : uuids) {
            given().port(sms.port()).get("/api/v1/nodes/" + uuid).then().statusCode(200);
        }
    }
}
