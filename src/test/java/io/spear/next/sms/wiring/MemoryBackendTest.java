package io.spear.next.sms.wiring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.LocalFiles;
import io.spear.next.testing.ServiceProcess;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(MemoryBackendTest.Memory.class)
class MemoryBackendTest {

    public static class Memory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kv.backend", "memory");
        }
    }

    @Inject
    KvStore store;

    @Test
    void importsNameTheirBadLineAndNeedAnEmptyStoreAndBackupsAreRefused() {
        String notARecord = """
                {"key":"note:1","value":"AA=="}
                {"key":"node:00000000-0000-4000-8000-000000000001","value":"e30="}
                """;
        given().contentType("application/x-ndjson")
                .body(notARecord.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/admin/import")
                .then()
                .statusCode(400)
                .body("detail", containsString("line 2: the node in node:00000000-0000-4000-8000-000000000001 has"));
        given().get("/api/v1/cluster/stats").then().statusCode(200).body("total_nodes", equalTo(0));
        String export = """
                {"key":"note:1","value":"AA=="}
                {"key":"broken line
                """;
        given().contentType("application/x-ndjson")
                .body(export.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/admin/import")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 2"))
                .body("detail", containsString("nothing was imported: mend that line and send the whole stream again"));
        assertTrue(store.get("note:1").isEmpty(), "all or nothing: the line before the bad one was taken back");
        ServiceProcess.register(RestAssured.port);
        given().contentType("application/x-ndjson")
                .body("{\"key\":\"a\",\"value\":\"AA==\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/admin/import")
                .then()
                .statusCode(409);
        given().post("/api/v1/admin/backups")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("kv.backend=rocksdb"));
        given().get("/api/v1/admin/backups").then().statusCode(409);
    }

    @Test
    void kvBackendMemorySelectsTheHeapStore() {
        assertEquals(KvBackend.MEMORY, store.backend());
        assertTrue(store.unwrap(LocalFiles.class).isEmpty());
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'kv-store-ready' }.data.backend", equalTo("memory"))
                .body("checks.find { it.name == 'kv-store-ready' }.data.path", nullValue())
                .body("checks.find { it.name == 'kv-store-ready' }.data.lock", nullValue());
    }
}
