package io.spear.next.sms.wiring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.spear.next.testing.SseClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A data directory written by the last release of an older stored format (committed under {@code
 * fixtures/format-vN}, with the API output that release served from it) opens with this release
 * and serves the same output: bodies, ETags and the change log. One subclass per format.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // reads of the untouched data first, then writes
abstract class FormatUpgradeContract {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The fixture's directory: {@code rocksdb/} and {@code expected/}. */
    abstract Path fixture();

    /**
     * A copy of the fixture as kv.path (the fixture itself is never opened), and no expiry. JUnit
     * asks for the overrides while it discovers classes, possibly more than once and before any
     * other test has created target/kv-test: the copy is made once, parents included.
     */
    abstract static class FixtureCopy implements QuarkusTestProfile {
        private static final Map<Path, Path> COPIES = new ConcurrentHashMap<>();
        private final Path fixture;

        FixtureCopy(Path fixture) {
            this.fixture = fixture;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Path copy = COPIES.computeIfAbsent(fixture, from -> {
                Path to = Path.of("target/kv-test/" + from.getFileName() + "-" + UUID.randomUUID());
                copyTree(from.resolve("rocksdb"), to);
                return to;
            });
            return Map.of("kv.path", copy.toString(), "sms.heartbeat.timeout", "36500d");
        }
    }

    @Order(1)
    @ParameterizedTest
    @CsvSource({
        "node-a, nodes/11111111-1111-4111-8111-111111111111",
        "node-b, nodes/22222222-2222-4222-8222-222222222222",
        "node-c, nodes/33333333-3333-4333-8333-333333333333",
        "list, nodes?limit=2",
        "list-zone, nodes?label=zone%3Dz1",
        "list-status, nodes?status=decommissioning",
        "with-resource-a, nodes/11111111-1111-4111-8111-111111111111/with-resource",
        "resource-b, nodes/22222222-2222-4222-8222-222222222222/resource",
        "resources, resources",
        "high-load, resources?high_load=true",
        "stats, cluster/stats"
    })
    void servesWhatTheOlderReleaseServed(String name, String path) throws IOException {
        Response response = given().urlEncodingEnabled(false).when().get("/api/v1/" + path);
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(
                JSON.readTree(fixture().resolve("expected/" + name + ".json").toFile()),
                JSON.readTree(response.asString()),
                name);
        String etag = expectedHeader(name, "ETag");
        if (etag != null) {
            assertEquals(etag, response.header("ETag"), name + " keeps its revision");
        }
    }

    @Order(2)
    @Test
    void keepsTheChangeLogAndGoesOnAfterIt() throws Exception {
        List<JsonNode> expected = new ArrayList<>();
        for (String line : Files.readAllLines(fixture().resolve("expected/watch.sse"))) {
            if (line.startsWith("data:")) {
                expected.add(JSON.readTree(line.substring("data:".length())));
            }
        }
        try (SseClient watch = watch("?since=0")) {
            List<SseClient.Event> events = watch.next(expected.size(), Duration.ofSeconds(10));
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), JSON.readTree(events.get(i).data()));
            }
        }
        String uuid = "55555555-5555-4555-8555-555555555555";
        given().contentType("application/json")
                .body("{\"uuid\":\"" + uuid + "\",\"ip_address\":\"10.0.0.5\",\"port\":7005}")
                .when()
                .post("/api/v1/nodes")
                .then()
                .statusCode(201);
        long last = expected.get(expected.size() - 1).get("revision").asLong();
        try (SseClient watch = watch("?since=" + last)) {
            JsonNode registered =
                    JSON.readTree(watch.next(1, Duration.ofSeconds(10)).get(0).data());
            assertEquals(uuid, registered.get("node_uuid").asText());
            assertTrue(registered.get("revision").asLong() > last, "no revision is given twice");
        }
    }

    @Order(3)
    @Test
    void anUpgradedNodeTakesHeartbeatsAndUpdatesFromItsOldRevision() {
        String a = "/api/v1/nodes/11111111-1111-4111-8111-111111111111";
        given().when().post(a + "/heartbeat").then().statusCode(200);
        given().contentType("application/json")
                .header("If-Match", "\"4\"")
                .body("{\"name\":\"gpu-a2\"}")
                .when()
                .put(a)
                .then()
                .statusCode(200)
                .header("ETag", "\"5\"");
    }

    private static SseClient watch(String query) throws Exception {
        return SseClient.connect(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/watch" + query, Map.of())
                .read();
    }

    private String expectedHeader(String name, String header) throws IOException {
        for (String line : Files.readAllLines(fixture().resolve("expected/" + name + ".headers"))) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(header)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            Files.createDirectories(to.getParent());
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
