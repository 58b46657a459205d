package io.spear.next.sms.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class NodesResourceTest {

    static final String PROBLEM = "application/problem+json";

    public static String registerBody(String uuid, String zone) {
        return """
                {"uuid": %s, "name": "worker", "ip_address": "10.1.2.3", "port": 7000, "http_port": 8080,
                 "metadata": {"zone": "%s"}}""".formatted(uuid == null ? "null" : "\"" + uuid + "\"", zone);
    }

    public static String register(String zone) {
        return given().contentType(ContentType.JSON)
                .body(registerBody(null, zone))
                .when()
                .post("/api/v1/nodes")
                .then()
                .statusCode(201)
                .extract()
                .path("uuid");
    }

    public static final String REPORT = """
            {"cpu_usage_percent": 37.5, "memory_usage_percent": 52.0, "total_memory_bytes": 1000,
             "used_memory_bytes": 520, "available_memory_bytes": 480, "disk_usage_percent": 41.0,
             "total_disk_bytes": 2000, "used_disk_bytes": 820, "network_rx_bytes_per_sec": 10,
             "network_tx_bytes_per_sec": 20, "load_average_1m": 2.5, "load_average_5m": 1.5, "load_average_15m": 1.0,
             "gpus": [{"index": 0, "model": "A100", "memory_total_bytes": 80, "memory_used_bytes": 8,
                       "utilization_percent": 12.5}],
             "resource_metadata": {"kernel": "6.1"}}""";

    public static void assertProblem(ValidatableResponse response, int status) {
        response.statusCode(status)
                .contentType(PROBLEM)
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("type", notNullValue());
    }

    @Test
    void registerAnswers201WithLocationETagAndTheNode() {
        long since = Instant.now().getEpochSecond();
        String uuid = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body(registerBody(uuid, "z1"))
                .when()
                .post("/api/v1/nodes")
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith("/api/v1/nodes/" + uuid))
                .header("ETag", "\"1\"")
                .body("uuid", equalTo(uuid))
                .body("ip_address", equalTo("10.1.2.3"))
                .body("port", equalTo(7000))
                .body("http_port", equalTo(8080))
                .body("status", equalTo("active"))
                .body("metadata.zone", equalTo("z1"))
                .body("revision", equalTo(1))
                .body("registered_at", secondsSince(since))
                .body("last_heartbeat", secondsSince(since));
    }

    @Test
    void anAgentRegistersAgainThroughItsRegistration() {
        String uuid = UUID.randomUUID().toString();
        String body = """
                {"ip_address": "agent-3.spear.svc", "port": 7000, "http_port": 8080, "metadata": {"name": "agent-3"}}""";
        long registeredAt = given().contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/nodes/" + uuid + "/registration")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/nodes/" + uuid))
                .header("ETag", "\"1\"")
                .body("uuid", equalTo(uuid))
                .body("ip_address", equalTo("agent-3.spear.svc"))
                .extract()
                .<Number>path("registered_at")
                .longValue();
        given().contentType(ContentType.JSON).body(REPORT).put("/api/v1/nodes/" + uuid + "/resource");
        given().contentType(ContentType.JSON)
                .body("{\"status\": \"inactive\"}")
                .put("/api/v1/nodes/" + uuid)
                .then()
                .statusCode(200);

        // the agent restarts: registering again replaces its description, keeps its history and report
        given().contentType(ContentType.JSON)
                .body("""
                        {"uuid": "%s", "ip_address": "10.7.0.3", "port": 7001, "metadata": {"name": "agent-3b"}}""".formatted(uuid.toUpperCase()))
                .put("/api/v1/nodes/" + uuid + "/registration")
                .then()
                .statusCode(200)
                .header("Location", nullValue())
                .body("ip_address", equalTo("10.7.0.3"))
                .body("port", equalTo(7001))
                .body("http_port", nullValue())
                .body("metadata", equalTo(Map.of("name", "agent-3b")))
                .body("status", equalTo("active"))
                .body("registered_at", equalTo((int) registeredAt));
        given().get("/api/v1/nodes/" + uuid + "/resource")
                .then()
                .statusCode(200)
                .body("cpu_usage_percent", equalTo(37.5f));

        assertProblem(
                given().contentType(ContentType.JSON)
                        .body(registerBody(UUID.randomUUID().toString(), "other"))
                        .put("/api/v1/nodes/" + uuid + "/registration")
                        .then(),
                400);
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body(body)
                        .put("/api/v1/nodes/not-a-uuid/registration")
                        .then(),
                400);
        given().get("/api/v1/nodes/" + uuid).then().body("ip_address", equalTo("10.7.0.3"));
    }

    @Test
    void theServerMakesAV4UuidWhenNoneIsSent() {
        String uuid = register("auto");
        assertEquals(4, UUID.fromString(uuid).version());
    }

    @Test
    void registeringAUuidTwiceIs409AndKeepsTheFirst() {
        String uuid = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body(registerBody(uuid, "first"))
                .post("/api/v1/nodes")
                .then()
                .statusCode(201);
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body(registerBody(uuid, "second"))
                        .when()
                        .post("/api/v1/nodes")
                        .then(),
                409);
        given().get("/api/v1/nodes/" + uuid).then().statusCode(200).body("metadata.zone", equalTo("first"));
    }

    @Test
    void ifNoneMatchOnRegisterTurnsATakenUuidInto412() {
        String uuid = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .header("If-None-Match", "*")
                .body(registerBody(uuid, "first"))
                .post("/api/v1/nodes")
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"");
        // taken: * and a tag the node is at (compared weakly) fail the precondition
        for (String ifNoneMatch : List.of("*", "\"1\"", "W/\"1\"", "\"5\", \"1\"")) {
            assertProblem(
                    given().contentType(ContentType.JSON)
                            .header("If-None-Match", ifNoneMatch)
                            .body(registerBody(uuid, "second"))
                            .post("/api/v1/nodes")
                            .then(),
                    412);
        }
        // a tag it is not at leaves the plain conflict; a header that is no tag list is 400
        assertProblem(
                given().contentType(ContentType.JSON)
                        .header("If-None-Match", "\"2\"")
                        .body(registerBody(uuid, "second"))
                        .post("/api/v1/nodes")
                        .then(),
                409);
        assertProblem(
                given().contentType(ContentType.JSON)
                        .header("If-None-Match", "1")
                        .body(registerBody(uuid, "second"))
                        .post("/api/v1/nodes")
                        .then(),
                400);
        given().get("/api/v1/nodes/" + uuid).then().statusCode(200).body("metadata.zone", equalTo("first"));
        // a server-made uuid is new by construction
        given().contentType(ContentType.JSON)
                .header("If-None-Match", "*")
                .body("{\"ip_address\": \"10.1.2.3\", \"port\": 7000}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(201);
    }

    @Test
    void ifNoneMatchOnGetAnswers304WhileTheNodeIsUnchanged() {
        String uuid = register("cached");
        String path = "/api/v1/nodes/" + uuid;
        for (String seen : List.of("\"1\"", "W/\"1\"", "\"0\", \"1\"", "*")) {
            given().header("If-None-Match", seen)
                    .get(path)
                    .then()
                    .statusCode(304)
                    .header("ETag", "\"1\"")
                    .body(equalTo(""));
        }
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"changed\"}")
                .put(path)
                .then()
                .statusCode(200);
        given().header("If-None-Match", "\"1\"")
                .get(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("name", equalTo("changed"));
        assertProblem(given().header("If-None-Match", "\"1").get(path).then(), 400);
    }

    @Test
    void invalidRegistrationsAre400NamingEveryFieldAndStoreNothing() {
        String uuid = UUID.randomUUID().toString();
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("""
                {"uuid": "%s", "ip_address": "not an ip", "port": 0, "http_port": 70000,
                 "metadata": {"k": null}}""".formatted(uuid))
                        .when()
                        .post("/api/v1/nodes")
                        .then(),
                400);
        given().contentType(ContentType.JSON)
                .body("""
                {"uuid": "%s", "ip_address": "not an ip", "port": 0, "http_port": 70000}""".formatted(uuid))
                .when()
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("http_port", "ip_address", "port")));
        given().contentType(ContentType.JSON)
                .body("{\"port\": 7000}")
                .when()
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("ip_address"));
        assertProblem(given().get("/api/v1/nodes/" + uuid).then(), 404);
    }

    @Test
    void addressesAreIpLiteralsOrDnsNames() {
        for (String ip : List.of(
                "::1",
                "2001:db8::7",
                "192.168.0.1",
                "localhost",
                "example.com",
                "spearlet-0.spear.svc.cluster.local")) {
            given().contentType(ContentType.JSON)
                    .body("{\"ip_address\": \"" + ip + "\", \"port\": 1}")
                    .post("/api/v1/nodes")
                    .then()
                    .statusCode(201)
                    .body("ip_address", equalTo(ip));
        }
        for (String ip : List.of(
                "256.1.1.1", "1.2.3", "fe80::1%eth0", ":::", "-node.example.com", "node_1", "a..b", "x".repeat(64))) {
            given().contentType(ContentType.JSON)
                    .body("{\"ip_address\": \"" + ip + "\", \"port\": 1}")
                    .post("/api/v1/nodes")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("ip_address"));
        }
    }

    @Test
    void malformedJsonAndWrongTypesAre400() {
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"ip_address\": ")
                        .post("/api/v1/nodes")
                        .then(),
                400);
        given().contentType(ContentType.JSON)
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": \"7000\"}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("port"))
                .body("errors[0].message", equalTo("must be an integer"));
        given().contentType(ContentType.JSON)
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": 70.5}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("port"));
        given().contentType(ContentType.JSON)
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": 1, \"colour\": \"red\"}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        given().contentType(ContentType.JSON)
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": 1, \"port\": 2}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .body("detail", containsString("Duplicate field 'port'"));
        given().contentType(ContentType.JSON)
                .body("[1, 2]")
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().contentType(ContentType.JSON)
                .body("")
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().contentType(ContentType.JSON)
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": 1, \"metadata\": []}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("metadata"));
    }

    @Test
    void wrongContentTypesMethodsAndRoutesAreProblems() {
        assertProblem(
                given().contentType(ContentType.TEXT)
                        .body("x")
                        .post("/api/v1/nodes")
                        .then(),
                415);
        assertProblem(given().patch("/api/v1/nodes/" + UUID.randomUUID()).then(), 405);
        assertProblem(given().get("/api/v1/no-such-route").then(), 404);
    }

    @Test
    void aBodyOverTheLimitIs413AndStoresNothing() {
        String huge = "{\"ip_address\": \"10.0.0.1\", \"port\": 1, \"name\": \"" + "x".repeat(300_000) + "\"}";
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body(huge)
                        .post("/api/v1/nodes")
                        .then(),
                413);
    }

    @Test
    void aBodyOfUnknownLengthIs411() throws Exception {
        // ofInputStream has no length, so the client cannot send a Content-Length
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/nodes"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream("{\"ip_address\": \"10.0.0.1\", \"port\": 1}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        // the client's default prefers HTTP/2 (h2c), where a body has no Transfer-Encoding at all
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(411, response.statusCode(), response.body());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void metadataIsBoundedInCountAndSize() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 65; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"v\"");
        }
        many.append('}');
        given().contentType(ContentType.JSON)
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": 1, \"metadata\": " + many + "}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("metadata"));
        given().contentType(ContentType.JSON)
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": 1, \"metadata\": {\"k\": \"" + "v".repeat(1025)
                        + "\"}}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("metadata[k]"));
    }

    @Test
    void aMalformedUuidInThePathIs400AndAnUnknownOneIs404() {
        for (String path : List.of(
                "/api/v1/nodes/not-a-uuid",
                "/api/v1/nodes/not-a-uuid/resource",
                "/api/v1/nodes/not-a-uuid/with-resource",
                "/api/v1/nodes/..%2F..%2Fetc")) {
            assertProblem(given().get(path).then(), 400);
        }
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("/api/v1/nodes/", "/api/v1/nodes/%s/resource", "/api/v1/nodes/%s/with-resource")) {
            assertProblem(
                    given().get(path.contains("%s") ? path.formatted(unknown) : path + unknown)
                            .then(),
                    404);
        }
        assertProblem(given().delete("/api/v1/nodes/" + unknown).then(), 404);
        assertProblem(given().post("/api/v1/nodes/" + unknown + "/heartbeat").then(), 404);
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"name\": \"x\"}")
                        .put("/api/v1/nodes/" + unknown)
                        .then(),
                404);
    }

    @Test
    void getCarriesTheRevisionAsETag() {
        String uuid = register("etag");
        given().get("/api/v1/nodes/" + uuid)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("uuid", equalTo(uuid));
    }

    @Test
    void ifMatchIsReadAsRfc9110Says() {
        String uuid = register("conditional"); // at revision 1
        String path = "/api/v1/nodes/" + uuid;
        // a list matches when one of its strong tags is the node's ETag
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"7\", \"1\"")
                .body("{\"name\": \"a\"}")
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        // tags that are no revision of ours, weak tags and lists without the current one: 412, nothing changed
        for (String stale : List.of("\"nope-1\"", "W/\"2\"", "\"1\", \"3\"", "W/\"2\", \"x\"")) {
            assertProblem(
                    given().contentType(ContentType.JSON)
                            .header("If-Match", stale)
                            .body("{\"name\": \"lost\"}")
                            .put(path)
                            .then(),
                    412);
        }
        given().get(path).then().body("name", equalTo("a")).body("revision", equalTo(2));
        // * matches any existing node; a missing node is 404 whatever If-Match says
        given().contentType(ContentType.JSON)
                .header("If-Match", "*")
                .body("{\"name\": \"b\"}")
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
        String missing = "/api/v1/nodes/00000000-0000-4000-8000-0000000000ff";
        for (String any : List.of("*", "\"1\", \"2\"")) {
            assertProblem(
                    given().contentType(ContentType.JSON)
                            .header("If-Match", any)
                            .body("{\"name\": \"c\"}")
                            .put(missing)
                            .then(),
                    404);
        }
        // not an entity-tag list at all: 400
        for (String malformed : List.of("3", "\"3", "\"3\"x")) {
            assertProblem(
                    given().contentType(ContentType.JSON)
                            .header("If-Match", malformed)
                            .body("{\"name\": \"d\"}")
                            .put(path)
                            .then(),
                    400);
        }
        given().get(path).then().body("name", equalTo("b"));
    }

    @Test
    void updateMergesFieldsAndHonoursIfMatch() {
        String uuid = register("before");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"name\": \"renamed\", \"metadata\": {\"zone\": null, \"rack\": \"r7\"}}")
                .when()
                .put("/api/v1/nodes/" + uuid)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("name", equalTo("renamed"))
                .body("ip_address", equalTo("10.1.2.3"))
                .body("metadata", equalTo(Map.of("rack", "r7")))
                .body("revision", equalTo(2));
        assertProblem(
                given().contentType(ContentType.JSON)
                        .header("If-Match", "\"1\"")
                        .body("{\"name\": \"stale\"}")
                        .when()
                        .put("/api/v1/nodes/" + uuid)
                        .then(),
                412);
        assertProblem(
                given().contentType(ContentType.JSON)
                        .header("If-Match", "yesterday")
                        .body("{\"name\": \"x\"}")
                        .when()
                        .put("/api/v1/nodes/" + uuid)
                        .then(),
                400);
        given().contentType(ContentType.JSON)
                .body("{\"status\": \"retired\"}")
                .put("/api/v1/nodes/" + uuid)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().contentType(ContentType.JSON)
                .body("{\"port\": -1}")
                .put("/api/v1/nodes/" + uuid)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("port"));
        given().get("/api/v1/nodes/" + uuid)
                .then()
                .body("name", equalTo("renamed"))
                .body("revision", equalTo(2));
    }

    @Test
    void deleteRemovesTheNodeAndItsReport() {
        String uuid = register("gone");
        given().contentType(ContentType.JSON)
                .body(REPORT)
                .put("/api/v1/nodes/" + uuid + "/resource")
                .then()
                .statusCode(200);
        // a client that accepts only the problem+json of errors (as generated clients do for a 204) is served
        given().accept(PROBLEM).delete("/api/v1/nodes/" + uuid).then().statusCode(204);
        assertProblem(given().get("/api/v1/nodes/" + uuid).then(), 404);
        assertProblem(given().accept(PROBLEM).delete("/api/v1/nodes/" + uuid).then(), 404);
        given().get("/api/v1/resources?node_uuid=" + uuid)
                .then()
                .statusCode(200)
                .body("resources", empty());
    }

    @Test
    void aHeartbeatWithHealthAndReportUpdatesBothInOneRequest() {
        long since = Instant.now().getEpochSecond();
        String uuid = register("beat");
        given().contentType(ContentType.JSON)
                .body("{\"health_info\": {\"disk\": \"ok\"}, \"resource\": " + REPORT + "}")
                .when()
                .post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("server_timestamp", secondsSince(since))
                .body("revision", equalTo(2));
        given().get("/api/v1/nodes/" + uuid + "/with-resource")
                .then()
                .statusCode(200)
                .body("node.health_info.disk", equalTo("ok"))
                .body("resource.node_uuid", equalTo(uuid))
                .body("resource.cpu_usage_percent", equalTo(37.5f))
                .body("resource.load_average_1m", equalTo(2.5f))
                .body("resource.gpus[0].model", equalTo("A100"))
                .body("resource.resource_metadata.kernel", equalTo("6.1"));
        given().post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(200)
                .body("revision", equalTo(3));
    }

    @Test
    void aHeartbeatBodyThatIsNotJsonIsRefusedNotIgnored() {
        String uuid = register("plain");
        assertProblem(
                given().contentType(ContentType.TEXT)
                        .body("{\"health_info\": {}}")
                        .post("/api/v1/nodes/" + uuid + "/heartbeat")
                        .then(),
                415);
        given().get("/api/v1/nodes/" + uuid).then().body("revision", equalTo(1));
    }

    @Test
    void aDecommissioningNodeStaysSoWhenItBeats() {
        String uuid = register("drain");
        given().contentType(ContentType.JSON)
                .body("{\"status\": \"decommissioning\"}")
                .put("/api/v1/nodes/" + uuid)
                .then()
                .statusCode(200);
        given().post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(200)
                .body("status", equalTo("decommissioning"));
    }

    @Test
    void invalidReportsAre400NamingTheFieldAndStoreNothing() {
        String uuid = register("bad-report");
        given().contentType(ContentType.JSON)
                .body("""
                {"resource": {"cpu_usage_percent": 1e400, "memory_usage_percent": -1}}""")
                .post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("resource.cpu_usage_percent", "resource.memory_usage_percent")));
        given().contentType(ContentType.JSON)
                .body("""
                {"cpu_usage_percent": 1, "memory_usage_percent": 1, "total_memory_bytes": 10, "used_memory_bytes": 11}""")
                .put("/api/v1/nodes/" + uuid + "/resource")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("used_memory_bytes"));
        given().contentType(ContentType.JSON)
                .body("""
                {"resource": {"cpu_usage_percent": 1, "memory_usage_percent": 1,
                 "gpus": [{"index": 0, "memory_total_bytes": 1, "memory_used_bytes": 2, "utilization_percent": 1}]}}""")
                .post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("resource.gpus[0].memory_used_bytes"));
        given().contentType(ContentType.JSON)
                .body("""
                {"cpu_usage_percent": 1, "memory_usage_percent": 1, "total_disk_bytes": -5}""")
                .put("/api/v1/nodes/" + uuid + "/resource")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("total_disk_bytes"));
        given().contentType(ContentType.JSON)
                .body("{\"cpu_usage_percent\": 1}")
                .put("/api/v1/nodes/" + uuid + "/resource")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("memory_usage_percent"));
        assertProblem(given().get("/api/v1/nodes/" + uuid + "/resource").then(), 404);
        given().get("/api/v1/nodes/" + uuid).then().body("revision", equalTo(1));
    }

    @Test
    void aHeartbeatListsEveryFieldAtFaultWithItsBoundAndChangesNothing() {
        String uuid = register("many-faults");
        given().contentType(ContentType.JSON)
                .body("""
                {"health_info": {" ": "x"}, "resource": {"cpu_usage_percent": 101, "load_average_1m": -0.5,
                 "gpus": [null, {"index": -1, "memory_total_bytes": 1, "memory_used_bytes": 0}]}}""")
                .post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", equalTo("7 invalid field(s)"))
                .body(
                        "errors.field",
                        equalTo(List.of(
                                "health_info[ ]",
                                "resource.cpu_usage_percent",
                                "resource.gpus[0]",
                                "resource.gpus[1].index",
                                "resource.gpus[1].utilization_percent",
                                "resource.load_average_1m",
                                "resource.memory_usage_percent")))
                .body(
                        "errors.message",
                        equalTo(List.of(
                                "must not be blank",
                                "must be less than or equal to 100",
                                "must not be null",
                                "must be greater than or equal to 0",
                                "must not be null",
                                "must be greater than or equal to 0",
                                "must not be null")));
        given().contentType(ContentType.JSON)
                .body("""
                {"cpu_usage_percent": "NaN", "memory_usage_percent": 1}""")
                .put("/api/v1/nodes/" + uuid + "/resource")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cpu_usage_percent"))
                .body("errors[0].message", equalTo("must be a number from 0 to 100"));
        given().contentType(ContentType.JSON)
                .body("null")
                .put("/api/v1/nodes/" + uuid + "/resource")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", equalTo("must not be null"));
        given().get("/api/v1/nodes/" + uuid).then().body("revision", equalTo(1)).body("health_info", equalTo(Map.of()));
    }

    @Test
    void aReportForAnUnknownNodeIs404() {
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body(REPORT)
                        .put("/api/v1/nodes/" + UUID.randomUUID() + "/resource")
                        .then(),
                404);
    }

    @Test
    void reportsCanBeStoredAndRead() {
        long since = Instant.now().getEpochSecond();
        String uuid = register("report");
        given().contentType(ContentType.JSON)
                .body(REPORT)
                .put("/api/v1/nodes/" + uuid + "/resource")
                .then()
                .statusCode(200)
                .body("node_uuid", equalTo(uuid))
                .body("updated_at", secondsSince(since));
        given().get("/api/v1/nodes/" + uuid + "/resource")
                .then()
                .statusCode(200)
                .body("used_disk_bytes", equalTo(820));
        given().get("/api/v1/nodes/" + register("none") + "/with-resource")
                .then()
                .statusCode(200)
                .body("resource", nullValue())
                .body("node.metadata.zone", equalTo("none"));
    }

    @Test
    void listingFiltersByStatusAndLabelsAndPagesWithoutRepeats() {
        String zone = "list-" + UUID.randomUUID();
        Set<String> registered = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            registered.add(register(zone));
        }
        String drained = registered.iterator().next();
        given().contentType(ContentType.JSON)
                .body("{\"status\": \"decommissioning\"}")
                .put("/api/v1/nodes/" + drained)
                .then()
                .statusCode(200);
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            var request = given().queryParam("label", "zone=" + zone).queryParam("limit", 3);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            var page = request.get("/api/v1/nodes")
                    .then()
                    .statusCode(200)
                    .body("nodes.size()", org.hamcrest.Matchers.lessThanOrEqualTo(3))
                    .body("nodes.metadata.zone", everyItem(equalTo(zone)))
                    .extract();
            seen.addAll(page.path("nodes.uuid"));
            token = page.path("next_page_token");
        } while (token != null);
        assertEquals(registered, new HashSet<>(seen));
        assertEquals(7, seen.size());
        given().queryParam("label", "zone=" + zone)
                .queryParam("status", "decommissioning")
                .get("/api/v1/nodes")
                .then()
                .statusCode(200)
                .body("nodes", hasSize(1))
                .body("nodes[0].uuid", equalTo(drained))
                .body("next_page_token", nullValue());
    }

    @Test
    void listingsTakeALabelSelector() {
        String zone = "sel-" + UUID.randomUUID();
        String gpu = given().contentType(ContentType.JSON)
                .body(registerBody(null, zone).replace("}}", ", \"gpu\": \"a100\"}}"))
                .post("/api/v1/nodes")
                .then()
                .statusCode(201)
                .extract()
                .path("uuid");
        String plain = register(zone);
        String other = register(zone + "-other");
        given().contentType(ContentType.JSON)
                .body(REPORT)
                .put("/api/v1/nodes/" + gpu + "/resource")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(REPORT)
                .put("/api/v1/nodes/" + plain + "/resource")
                .then()
                .statusCode(200);

        String both = "zone in (" + zone + "," + zone + "-other)";
        given().queryParam("selector", both)
                .get("/api/v1/nodes")
                .then()
                .statusCode(200)
                .body("nodes.uuid", org.hamcrest.Matchers.containsInAnyOrder(gpu, plain, other));
        given().queryParam("selector", both + ",!gpu")
                .queryParam("limit", 1)
                .get("/api/v1/nodes")
                .then()
                .statusCode(200)
                .body("nodes", hasSize(1))
                .body("next_page_token", notNullValue());
        given().queryParam("selector", "gpu, zone = " + zone)
                .get("/api/v1/nodes")
                .then()
                .statusCode(200)
                .body("nodes.uuid", org.hamcrest.Matchers.contains(gpu));
        given().queryParam("selector", "!gpu")
                .queryParam("label", "zone=" + zone)
                .get("/api/v1/nodes")
                .then()
                .statusCode(200)
                .body("nodes.uuid", org.hamcrest.Matchers.contains(plain));
        given().queryParam("selector", "zone=" + zone + ",gpu notin (a100)")
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("resources.node_uuid", org.hamcrest.Matchers.contains(plain));
    }

    @Test
    void schedulersFilterAndSortReports() {
        String pool = "sched-" + UUID.randomUUID();
        List<String> byCpu = new ArrayList<>();
        for (String cpu : List.of("20", "60", "10", "40")) {
            String uuid = register(pool);
            given().contentType(ContentType.JSON)
                    .body(REPORT.replace("\"cpu_usage_percent\": 37.5", "\"cpu_usage_percent\": " + cpu))
                    .put("/api/v1/nodes/" + uuid + "/resource")
                    .then()
                    .statusCode(200);
            byCpu.add(uuid);
        }
        given().queryParam("selector", "zone=" + pool)
                .queryParam("filter", "cpu_usage_percent<50, available_memory_bytes>=480")
                .queryParam("sort", "-cpu_usage_percent")
                .queryParam("limit", 2)
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("resources.node_uuid", org.hamcrest.Matchers.contains(byCpu.get(3), byCpu.get(0)))
                .body("next_page_token", nullValue());
        given().queryParam("selector", "zone=" + pool)
                .queryParam("filter", "available_memory_bytes>1Ki")
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("resources", empty());
    }

    @Test
    void theDocumentedThousandUuidsFitInTheUrlAndMoreAreAProblem() {
        String known = register("many");
        given().contentType(ContentType.JSON).body(REPORT).put("/api/v1/nodes/" + known + "/resource");
        List<String> uuids = new ArrayList<>(List.of(known));
        while (uuids.size() < 1000) {
            uuids.add(UUID.randomUUID().toString());
        }
        // repeated, the longer of the two forms: about 47 KB of URL
        given().queryParam("node_uuid", uuids)
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("resources.node_uuid", org.hamcrest.Matchers.contains(known));
        given().queryParam("node_uuid", String.join(",", uuids))
                .get("/api/v1/resources")
                .then()
                .statusCode(200)
                .body("resources.node_uuid", org.hamcrest.Matchers.contains(known));
        uuids.add(UUID.randomUUID().toString());
        ValidatableResponse tooMany =
                given().queryParam("node_uuid", uuids).get("/api/v1/resources").then();
        assertProblem(tooMany, 400);
        tooMany.body("errors[0].field", equalTo("node_uuid"));
    }

    @Test
    void aUrlOver64KiBIsA414Problem() {
        String selector = "zone in (" + "a,".repeat(40_000) + "b)";
        ValidatableResponse tooLong =
                given().queryParam("selector", selector).get("/api/v1/nodes").then();
        assertProblem(tooLong, 414);
        tooLong.body("detail", containsString("the limit is 65536"));
    }

    @Test
    void aMalformedFilterOrSortIs400NamingTheParameter() {
        for (Map.Entry<String, String> bad :
                Map.of("filter", "cpu_usage_percent<<5", "sort", "-cpu").entrySet()) {
            ValidatableResponse response = given().queryParam(bad.getKey(), bad.getValue())
                    .get("/api/v1/resources")
                    .then();
            assertProblem(response, 400);
            response.body("errors[0].field", equalTo(bad.getKey()));
        }
        assertProblem(
                given().queryParam("sort", "cpu_usage_percent")
                        .queryParam("page_token", "bm9kZTo")
                        .get("/api/v1/resources")
                        .then(),
                400);
    }

    @Test
    void aMalformedSelectorIs400NamingThePosition() {
        for (String path : List.of("/api/v1/nodes", "/api/v1/resources")) {
            ValidatableResponse response =
                    given().queryParam("selector", "zone in (a,b").get(path).then();
            assertProblem(response, 400);
            response.body("errors[0].field", equalTo("selector"))
                    .body("errors[0].message", org.hamcrest.Matchers.containsString("at position 13"));
        }
    }

    @Test
    void badListingParametersAre400() {
        for (String query : List.of(
                "limit=0",
                "limit=1001",
                "limit=ten",
                "status=sleeping",
                "label=novalue",
                "page_token=%25%25",
                "page_token=bm9kZTo")) {
            assertProblem(given().get("/api/v1/nodes?" + query).then(), 400);
        }
        for (String query : List.of("high_load=maybe", "node_uuid=nope", "node_uuids=nope", "limit=-1")) {
            assertProblem(given().get("/api/v1/resources?" + query).then(), 400);
        }
    }

    @Test
    void resourcesListsChosenNodesAndHighLoadNodes() {
        String calm = register("res");
        String busy = register("res");
        given().contentType(ContentType.JSON)
                .body(REPORT)
                .put("/api/v1/nodes/" + calm + "/resource")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(REPORT.replace("\"cpu_usage_percent\": 37.5", "\"cpu_usage_percent\": 95"))
                .put("/api/v1/nodes/" + busy + "/resource")
                .then()
                .statusCode(200);
        // node_uuid repeated or comma-separated; node_uuids, its former name, still read
        for (String query : List.of(
                "node_uuid=" + calm + "&node_uuid=" + busy,
                "node_uuid=" + calm + "," + busy,
                "node_uuids=" + calm + "," + busy,
                "node_uuid=" + calm + "&node_uuids=" + busy)) {
            given().get("/api/v1/resources?" + query)
                    .then()
                    .statusCode(200)
                    .body("resources.node_uuid", org.hamcrest.Matchers.containsInAnyOrder(calm, busy));
        }
        given().get("/api/v1/resources?high_load=true&limit=1000")
                .then()
                .statusCode(200)
                .body("resources.node_uuid", hasItem(busy))
                .body("resources.node_uuid", org.hamcrest.Matchers.not(hasItem(calm)));
    }

    @Test
    void clusterStatsCountWhatChanged() {
        Map<String, Integer> before = given().get("/api/v1/cluster/stats")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        String uuid = register("stats");
        given().contentType(ContentType.JSON)
                .body("{\"status\": \"decommissioning\"}")
                .put("/api/v1/nodes/" + uuid)
                .then()
                .statusCode(200)
                .body("status", equalTo("decommissioning"));
        given().contentType(ContentType.JSON)
                .body(REPORT.replace("\"cpu_usage_percent\": 37.5", "\"cpu_usage_percent\": 95"))
                .put("/api/v1/nodes/" + uuid + "/resource")
                .then()
                .statusCode(200);
        given().get("/api/v1/cluster/stats")
                .then()
                .statusCode(200)
                .body("total_nodes", equalTo(before.get("total_nodes") + 1))
                .body("decommissioning_nodes", equalTo(before.get("decommissioning_nodes") + 1))
                .body("nodes_with_resources", equalTo(before.get("nodes_with_resources") + 1))
                .body("high_load_nodes", equalTo(before.get("high_load_nodes") + 1));
        given().delete("/api/v1/nodes/" + uuid).then().statusCode(204);
        given().get("/api/v1/cluster/stats")
                .then()
                .body("total_nodes", equalTo(before.get("total_nodes")))
                .body("decommissioning_nodes", equalTo(before.get("decommissioning_nodes")))
                .body("nodes_with_resources", equalTo(before.get("nodes_with_resources")))
                .body("high_load_nodes", equalTo(before.get("high_load_nodes")));
    }

    /** A time the service stamped during the test: Unix seconds from {@code since} to now. */
    private static Matcher<Number> secondsSince(long since) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Number stamped) {
                return stamped.longValue() >= since
                        && stamped.longValue() <= Instant.now().getEpochSecond();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("Unix seconds from " + since + " to now");
            }
        };
    }
}
