package io.spear.next.sms.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.spear.next.testing.Scrape;
import io.spear.next.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistryMetricsTest {

    /** A series' value before the test's calls: absent until the first one counted. */
    private static double before(String series) {
        return Scrape.value(series).orElse(0);
    }

    /** A series' value now, which must be scraped. */
    private static double now(String series) {
        return Scrape.value(series).orElseThrow(() -> new AssertionError(series + " is not scraped"));
    }

    @Test
    void registrationsHeartbeatsAndNodesPerStatusAreCounted() {
        double registrations = before("sms_registrations_total");
        double heartbeats = before("sms_heartbeats_total");
        double active = before("sms_nodes{status=\"active\"}");
        String uuid = ServiceProcess.register(RestAssured.port);
        given().post("/api/v1/nodes/" + uuid + "/heartbeat").then().statusCode(200);
        given().post("/api/v1/nodes/" + uuid + "/heartbeat").then().statusCode(200);
        assertEquals(registrations + 1, now("sms_registrations_total"));
        assertEquals(heartbeats + 2, now("sms_heartbeats_total"));
        assertEquals(active + 1, now("sms_nodes{status=\"active\"}"));
        String metrics = Scrape.openMetrics();
        assertTrue(metrics.contains("http_server_requests_seconds_count{method=\"POST\""), "Quarkus HTTP metrics");
        assertTrue(
                metrics.contains("uri=\"/api/v1/nodes/{uuid}/heartbeat\""), "routes are tagged by template, not uuid");
        assertTrue(!metrics.contains(uuid), "no metric carries a node uuid");
    }

    @Test
    void theWriteQueueIsEmptyOnceEveryBeatIsAnswered() {
        String uuid = ServiceProcess.register(RestAssured.port);
        given().post("/api/v1/nodes/" + uuid + "/heartbeat").then().statusCode(200);
        assertEquals(0.0, now("sms_registry_write_queue"), "every beat was answered, so none waits");
        assertTrue(
                Scrape.openMetrics().contains("# HELP sms_registry_write_queue Changes waiting"), "its own help text");
    }
}
