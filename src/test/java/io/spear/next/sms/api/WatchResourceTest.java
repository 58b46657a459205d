package io.spear.next.sms.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.spear.next.testing.Scrape;
import io.spear.next.testing.SseClient;
import io.spear.next.testing.SseClient.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(WatchResourceTest.SmallLog.class)
public class WatchResourceTest {

    /** A short log, trimmed every second, and watchers dropped after 20 unread events. */
    public static class SmallLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sms.watch.retention",
                    "200",
                    "sms.watch.trim-interval",
                    "1s",
                    "sms.watch.max-pending",
                    "20",
                    "sms.heartbeat.timeout",
                    "1h");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String url(String query) {
        return RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/watch" + query;
    }

    private static SseClient watch(String query) throws Exception {
        return watch(query, Map.of());
    }

    private static SseClient watch(String query, Map<String, String> headers) throws Exception {
        SseClient client = SseClient.connect(url(query), headers);
        assertEquals(200, client.status(), client.status() == 200 ? "" : client.body());
        assertTrue(client.contentType().startsWith("text/event-stream"), client.contentType());
        return client.read();
    }

    private static JsonNode data(Event event) throws Exception {
        return JSON.readTree(event.data());
    }

    private static void heartbeatWithReport(String uuid, double cpu) {
        given().contentType(ContentType.JSON)
                .body("{\"resource\": {\"cpu_usage_percent\": " + cpu + ", \"memory_usage_percent\": 50}}")
                .post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(200);
    }

    @Test
    void everyChangeIsOneEventInRevisionOrderAndBareHeartbeatsAreNone() throws Exception {
        try (SseClient watcher = watch("")) {
            String uuid = NodesResourceTest.register("watch");
            given().post("/api/v1/nodes/" + uuid + "/heartbeat").then().statusCode(200); // timestamp only
            heartbeatWithReport(uuid, 10);
            heartbeatWithReport(uuid, 10); // the same report again
            given().contentType(ContentType.JSON)
                    .body("{\"name\": \"renamed\"}")
                    .put("/api/v1/nodes/" + uuid)
                    .then()
                    .statusCode(200);
            given().contentType(ContentType.JSON)
                    .body("{\"status\": \"decommissioning\"}")
                    .put("/api/v1/nodes/" + uuid)
                    .then()
                    .statusCode(200);
            given().delete("/api/v1/nodes/" + uuid).then().statusCode(204);

            List<Event> events = watcher.next(5, WAIT);
            assertEquals(
                    List.of(
                            "node_registered",
                            "resource_updated",
                            "node_updated",
                            "node_status_changed",
                            "node_removed"),
                    events.stream().map(Event::name).toList());
            long previous = 0;
            for (Event event : events) {
                JsonNode data = data(event);
                assertEquals(uuid, data.path("node_uuid").asText());
                assertEquals(Long.parseLong(event.id()), data.path("revision").asLong());
                assertTrue(data.path("revision").asLong() > previous, "revisions grow: " + events);
                previous = data.path("revision").asLong();
            }
            assertEquals(
                    10.0,
                    data(events.get(1))
                            .path("resource")
                            .path("cpu_usage_percent")
                            .asDouble());
            assertEquals(
                    "renamed", data(events.get(2)).path("node").path("name").asText());
            assertEquals("active", data(events.get(3)).path("old_status").asText());
            assertEquals(
                    "decommissioning", data(events.get(3)).path("new_status").asText());
            assertEquals(
                    "renamed", data(events.get(4)).path("node").path("name").asText());
            assertEquals(null, watcher.next(Duration.ofMillis(300)), "nothing else happened");
        }
    }

    @Test
    void aWatcherResumesAfterLastEventIdOrSinceWithNoGapAndNoDuplicate() throws Exception {
        List<Event> first;
        try (SseClient watcher = watch("")) {
            String uuid = NodesResourceTest.register("resume");
            for (int i = 1; i <= 5; i++) {
                heartbeatWithReport(uuid, i);
            }
            first = watcher.next(6, WAIT);
        }
        String resumeAfter = first.get(2).id();
        try (SseClient resumed = watch("", Map.of("Last-Event-ID", resumeAfter))) {
            assertEquals(first.subList(3, 6), resumed.next(3, WAIT));
        }
        try (SseClient resumed = watch("?since=" + resumeAfter)) {
            assertEquals(first.subList(3, 6), resumed.next(3, WAIT));
        }
    }

    @Test
    void filtersByTypeUuidStatusAndLabel() throws Exception {
        String a = NodesResourceTest.register("filter-a");
        String b = NodesResourceTest.register("filter-b");
        try (SseClient removals = watch("?types=node_removed,node_status_changed");
                SseClient onlyA = watch("?node_uuid=" + a);
                SseClient aAndB = watch("?node_uuid=" + a + "&node_uuid=" + b);
                SseClient draining = watch("?status=decommissioning");
                SseClient zoneB = watch("?label=zone=filter-b");
                SseClient selected = watch("?selector=zone%20in%20(filter-a,filter-b),zone!%3Dfilter-a")) {
            heartbeatWithReport(a, 1);
            heartbeatWithReport(b, 2);
            given().contentType(ContentType.JSON)
                    .body("{\"status\": \"decommissioning\"}")
                    .put("/api/v1/nodes/" + b)
                    .then()
                    .statusCode(200);
            given().delete("/api/v1/nodes/" + a).then().statusCode(204);

            assertEquals(
                    List.of("node_status_changed", "node_removed"),
                    removals.next(2, WAIT).stream().map(Event::name).toList());
            assertEquals(
                    List.of("resource_updated", "node_removed"),
                    onlyA.next(2, WAIT).stream().map(Event::name).toList());
            List<String> uuids = new java.util.ArrayList<>();
            for (Event event : aAndB.next(4, WAIT)) {
                uuids.add(data(event).path("node_uuid").asText());
            }
            assertEquals(List.of(a, b, b, a), uuids);
            Event drained = draining.next(WAIT);
            assertEquals(b, data(drained).path("node_uuid").asText());
            assertEquals(
                    List.of("resource_updated", "node_status_changed"),
                    zoneB.next(2, WAIT).stream().map(Event::name).toList());
            assertEquals(
                    List.of("resource_updated", "node_status_changed"),
                    selected.next(2, WAIT).stream().map(Event::name).toList());
            for (SseClient client : List.of(removals, onlyA, aAndB, draining, zoneB, selected)) {
                assertEquals(null, client.next(Duration.ofMillis(200)), "no other event passes the filter");
            }
        }
    }

    @Test
    void badParametersAre400AndATrimmedResumePointIs410() throws Exception {
        for (String query : List.of(
                "?types=node_exploded",
                "?since=-1",
                "?since=abc",
                "?status=gone",
                "?label=x",
                "?node_uuid=not-a-uuid",
                "?selector=zone%20in%20(a")) {
            SseClient refused = SseClient.connect(url(query), Map.of());
            assertEquals(400, refused.status(), query);
            assertTrue(refused.contentType().startsWith("application/problem+json"), query);
        }
        String uuid = NodesResourceTest.register("trim");
        for (int i = 0; i < 250; i++) {
            heartbeatWithReport(uuid, i % 100 + 0.5);
        }
        Awaitility.await("the log trimmed to 200 events").atMost(WAIT).until(() -> {
            SseClient gone = SseClient.connect(url("?since=0"), Map.of());
            return gone.status() == 410
                    && gone.contentType().startsWith("application/problem+json")
                    && gone.body().contains("no longer kept");
        });
    }

    @Test
    void aSlowConsumerIsDroppedWithAFinalEventWhileOthersAndWritersGoOn() throws Exception {
        String uuid = NodesResourceTest.register("slow");
        double droppedBefore = droppedTooSlow();
        SseClient slow = SseClient.connect(url("?node_uuid=" + uuid), Map.of()); // connected, never reading
        try (SseClient fast = watch("?node_uuid=" + uuid)) {
            // 64 KiB events: the slow connection's socket buffers fill after a few hundred
            StringBuilder metadata = new StringBuilder();
            for (int k = 0; k < 60; k++) {
                metadata.append(k == 0 ? "" : ",")
                        .append("\"k")
                        .append(k)
                        .append("\": \"")
                        .append("v".repeat(1000))
                        .append('"');
            }
            int updates = 600;
            for (int i = 0; i < updates; i++) {
                given().contentType(ContentType.JSON)
                        .body("{\"name\": \"n" + i + "\", \"metadata\": {" + metadata + "}}")
                        .put("/api/v1/nodes/" + uuid)
                        .then()
                        .statusCode(200);
            }
            assertEquals(updates, fast.next(updates, WAIT).size(), "the fast watcher got every event");
            List<Event> slowEvents = slow.read().untilEnd(Duration.ofSeconds(30));
            Event last = slowEvents.get(slowEvents.size() - 1);
            assertEquals(SseWatchSink.DROPPED, last.name());
            assertTrue(data(last).path("reason").asText().contains("too slow"), last.data());
            assertTrue(slowEvents.size() - 1 < updates, "the slow watcher was cut off: " + slowEvents.size());
            assertEquals(droppedBefore + 1, droppedTooSlow(), "the drop is counted for the alert to see");
        } finally {
            slow.close();
        }
    }

    private static double droppedTooSlow() {
        return Scrape.value("sms_watch_dropped_total{reason=\"too_slow\"}").orElseThrow();
    }

    @Test
    void manyWatchersEachGetEveryEventInOrder() throws Exception {
        String uuid = NodesResourceTest.register("many");
        List<SseClient> watchers = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                watchers.add(watch("?node_uuid=" + uuid));
            }
            for (int i = 0; i < 10; i++) {
                heartbeatWithReport(uuid, i + 0.25);
            }
            List<Event> expected = null;
            for (SseClient watcher : watchers) {
                List<Event> events = watcher.next(10, WAIT);
                if (expected == null) {
                    expected = events;
                }
                assertEquals(expected, events);
            }
        } finally {
            for (SseClient watcher : watchers) {
                watcher.close();
            }
        }
    }
}
