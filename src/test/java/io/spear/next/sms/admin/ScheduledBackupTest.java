package io.spear.next.sms.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ScheduledBackupTest.EverySecondKeepTwo.class)
class ScheduledBackupTest {

    public static class EverySecondKeepTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kv.backup.schedule", "* * * * * ?", "kv.backup.keep", "2");
        }
    }

    @Test
    void kvBackupScheduleTakesBackupsAndKeepsTheLastOnes() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/admin/backups")
                .then().statusCode(200).body("backups.size()", greaterThanOrEqualTo(2)));
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/v1/admin/backups").then().body("backups.size()", org.hamcrest.Matchers.lessThanOrEqualTo(2)));
    }
}
