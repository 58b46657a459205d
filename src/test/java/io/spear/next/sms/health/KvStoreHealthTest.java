package io.spear.next.sms.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.LocalFiles;
import io.spear.next.testing.ReadOnlyDirectory;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KvStoreHealthTest {

    @Inject
    KvStore store;

    @Test
    void readinessReportsTheStoreItsLockAndItsDisk() {
        Path path = store.unwrap(LocalFiles.class).orElseThrow().directory();
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kv-store-ready' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kv-store-ready' }.data.backend", equalTo("rocksdb"))
                .body("checks.find { it.name == 'kv-store-ready' }.data.path", equalTo(path.toString()))
                .body("checks.find { it.name == 'kv-store-ready' }.data.lock", equalTo("held"))
                .body("checks.find { it.name == 'kv-store-ready' }.data.writable", equalTo(true))
                .body("checks.find { it.name == 'kv-store-ready' }.data.free_bytes", greaterThan(0L));
        assertFalse(Files.exists(path.resolve(KvStoreReadinessCheck.PROBE_FILE)), "the probe file is removed");
    }

    @Test
    void eachTestRunHasItsOwnDataDirectory() {
        Path path = store.unwrap(LocalFiles.class).orElseThrow().directory();
        assertTrue(path.toString().contains("/target/kv-test/"), path.toString());
        assertTrue(Files.exists(path.resolve("LOCK")));
    }

    @Test
    void livenessAndStartupAreUpWhileTheStoreIsOpen() {
        given().when()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("kv-store-open"));
        given().when()
                .get("/q/health/started")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.find { it.name == 'kv-store-opened' }.data.path",
                        endsWith(store.unwrap(LocalFiles.class)
                                .orElseThrow()
                                .directory()
                                .getFileName()
                                .toString()));
    }

    @Test
    void readinessGoesDownWhileTheDirectoryIsReadOnlyAndComesBackWithoutARestart() throws Exception {
        Path path = store.unwrap(LocalFiles.class).orElseThrow().directory();
        try (ReadOnlyDirectory readOnly = ReadOnlyDirectory.of(path)) {
            given().when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'kv-store-ready' }.data.writable", equalTo(false))
                    .body(
                            "checks.find { it.name == 'kv-store-ready' }.data.reason",
                            containsString("cannot write to " + path));
            // reads keep working, and liveness does not ask for a restart that would not help
            store.get("any");
            given().when().get("/q/health/live").then().statusCode(200);
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
