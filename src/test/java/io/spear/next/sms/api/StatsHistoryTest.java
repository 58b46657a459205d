package io.spear.next.sms.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** GET /api/v1/cluster/stats/history, sampled every second under the test profile. */
@QuarkusTest
class StatsHistoryTest {

    @Test
    void samplesFollowTheRegistryAndTheHeartbeats() {
        String uuid = NodesResourceTest.register("history");
        given().contentType("application/json")
                .body("{\"resource\": {\"cpu_usage_percent\": 40, \"memory_usage_percent\": 60}}")
                .post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(200);
        int total = given().get("/api/v1/cluster/stats")
                .then()
                .statusCode(200)
                .extract()
                .path("total_nodes");
        Awaitility.await("a sample with the node and its beats")
                .atMost(Duration.ofSeconds(20))
                .until(() -> {
                    given().post("/api/v1/nodes/" + uuid + "/heartbeat").then().statusCode(200);
                    Map<String, Number> last = latest();
                    return last != null
                            && last.get("heartbeats_per_second").doubleValue() > 0
                            && last.get("active_nodes").longValue()
                                            + last.get("inactive_nodes").longValue()
                                            + last.get("unhealthy_nodes").longValue()
                                            + last.get("decommissioning_nodes").longValue()
                                    == total;
                });
        JsonPath page = given().get("/api/v1/cluster/stats/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, page.getInt("interval_seconds"));
        List<Long> times = page.getList("samples.at", Long.class);
        assertTrue(times.size() >= 2, times.toString());
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) >= times.get(i - 1), "oldest first: " + times);
        }
        double cpu =
                given().get("/api/v1/cluster/stats").then().extract().jsonPath().getDouble("average_cpu_usage");
        assertEquals(cpu, ((Number) latest().get("average_cpu_usage")).doubleValue(), 0.001);
    }

    private static Map<String, Number> latest() {
        List<Map<String, Number>> samples = given().get("/api/v1/cluster/stats/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("samples");
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }
}
