package io.spear.next.sms.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(LowDiskReadinessTest.NeedsMoreSpaceThanAnyDisk.class)
class LowDiskReadinessTest {

    public static class NeedsMoreSpaceThanAnyDisk implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kv.health.min-free-bytes", Long.toString(Long.MAX_VALUE));
        }
    }

    @Test
    void readinessIsDownWhenFreeSpaceIsBelowTheMinimumAndSaysWhatToDo() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'kv-store-ready' }.status", equalTo("DOWN"))
                .body(
                        "checks.find { it.name == 'kv-store-ready' }.data.reason",
                        containsString("below kv.health.min-free-bytes=" + Long.MAX_VALUE + ": free disk space"));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
