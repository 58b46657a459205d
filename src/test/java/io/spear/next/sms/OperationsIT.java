package io.spear.next.sms;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups, restores and migrations, done to the packaged service as an operator would. */
class OperationsIT {

    private static final Duration BOOT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private static void register(ServiceProcess sms, String name) {
        given().port(sms.port())
                .contentType("application/json")
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": 7000, \"name\": \"" + name + "\"}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(201);
    }

    private static Set<String> names(ServiceProcess sms) {
        Set<String> names = new HashSet<>();
        String token = null;
        do {
            var request = given().port(sms.port()).queryParam("limit", 1000);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            var page = request.get("/api/v1/nodes").then().statusCode(200).extract();
            List<String> pageNames = page.path("nodes.name");
            names.addAll(pageNames);
            token = page.path("next_page_token");
        } while (token != null);
        return names;
    }

    @Test
    void aBackupTakenWhileAClientWritesRestoresExactlyTheAcknowledgedWritesBeforeIt() throws Exception {
        Path backups = work.resolve("backups");
        Map<String, String> live =
                Map.of("KV_PATH", work.resolve("live").toString(), "KV_BACKUP_DIR", backups.toString());
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        String id;
        int ackedBefore;
        int ackedAfter;
        try (ServiceProcess sms = ServiceProcess.start(work, live).awaitReady(BOOT)) {
            ExecutorService client = Executors.newSingleThreadExecutor();
            try {
                Future<?> writes = client.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        register(sms, "n-" + i);
                        acknowledged.set(i + 1);
                    }
                });
                while (acknowledged.get() < 50) {
                    Thread.onSpinWait();
                }
                ackedBefore = acknowledged.get();
                id = given().port(sms.port())
                        .post("/api/v1/admin/backups")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                ackedAfter = acknowledged.get();
                while (acknowledged.get() < ackedAfter + 20) {
                    Thread.onSpinWait();
                }
                stop.set(true);
                writes.get(60, TimeUnit.SECONDS);
            } finally {
                client.shutdownNow();
            }
        }
        Map<String, String> restored = Map.of(
                "KV_PATH",
                work.resolve("restored").toString(),
                "KV_BACKUP_DIR",
                backups.toString(),
                "KV_RESTORE_FROM",
                id);
        try (ServiceProcess sms = ServiceProcess.start(work, restored).awaitReady(BOOT)) {
            Set<String> names = names(sms);
            int count = names.size();
            assertTrue(
                    count >= ackedBefore && count <= ackedAfter + 1,
                    count + " nodes; " + ackedBefore + " acknowledged before the backup, " + ackedAfter + " after");
            for (int i = 0; i < count; i++) {
                assertTrue(names.contains("n-" + i), "n-" + i + " missing: the restored writes are a prefix");
            }
            given().port(sms.port()).get("/api/v1/cluster/stats").then().body("total_nodes", equalTo(count));
            register(sms, "after-restore");
            assertTrue(sms.output().contains("Restored backup " + id), sms.output());
        }
        try (ServiceProcess again = ServiceProcess.start(work, restored).awaitReady(BOOT)) {
            assertTrue(names(again).contains("after-restore"), "a restart does not restore the backup again");
            assertTrue(again.output().contains("was already restored from backup " + id), again.output());
        }
    }

    @Test
    void aMemoryInstanceMigratesToRocksDbThroughExportAndImport() throws Exception {
        byte[] exported;
        String stats;
        try (ServiceProcess memory =
                ServiceProcess.start(work, Map.of("KV_BACKEND", "memory")).awaitReady(BOOT)) {
            for (int i = 0; i < 30; i++) {
                register(memory, "m-" + i);
            }
            String uuid = given().port(memory.port())
                    .get("/api/v1/nodes?limit=1")
                    .then()
                    .extract()
                    .path("nodes[0].uuid");
            given().port(memory.port())
                    .contentType("application/json")
                    .body("""
                    {"health_info": {"gpu": "ok"}, "resource": {"cpu_usage_percent": 91, "memory_usage_percent": 40,
                     "total_memory_bytes": 1000, "used_memory_bytes": 400}}""")
                    .post("/api/v1/nodes/" + uuid + "/heartbeat")
                    .then()
                    .statusCode(200);
            exported = given().port(memory.port())
                    .get("/api/v1/admin/export")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            stats = given().port(memory.port()).get("/api/v1/cluster/stats").asString();
        }
        try (ServiceProcess rocks = ServiceProcess.start(
                        work, Map.of("KV_PATH", work.resolve("rocks").toString()))
                .awaitReady(BOOT)) {
            given().port(rocks.port())
                    .contentType("application/x-ndjson")
                    .body(exported)
                    .post("/api/v1/admin/import")
                    .then()
                    .statusCode(200)
                    .body("imported_pairs", equalTo((int)
                            new String(exported).lines().count()));
            assertArrayEquals(
                    exported,
                    given().port(rocks.port()).get("/api/v1/admin/export").asByteArray());
            assertEquals(
                    stats,
                    given().port(rocks.port()).get("/api/v1/cluster/stats").asString());
            assertEquals(30, names(rocks).size());
        }
    }
}
