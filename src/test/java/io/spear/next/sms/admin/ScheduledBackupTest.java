package io.spear.next.sms.admin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
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

    private static List<String> backups() {
        return given().get("/api/v1/admin/backups")
                .then()
                .statusCode(200)
                .extract()
                .path("backups.id");
    }

    @Test
    void kvBackupScheduleTakesBackupsAndKeepsTheLastOnes() {
        // ids are creation times (19990101T000000.000Z), so their order is the backups' order
        List<String> first = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(ScheduledBackupTest::backups, ids -> ids.size() == 2);
        String newest = Collections.max(first);
        Awaitility.await("a newer backup, with the oldest one deleted")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    List<String> now = backups();
                    assertEquals(2, now.size(), now.toString());
                    assertTrue(now.stream().anyMatch(id -> id.compareTo(newest) > 0), now + " after " + first);
                    assertFalse(now.contains(Collections.min(first)), now + " after " + first);
                });
    }
}
