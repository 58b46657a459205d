package io.spear.next.sms.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.spear.next.sms.api.NodesResourceTest;
import io.spear.next.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** sms.auth.enabled=true: each role against each route, with keys generated for this run. */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
class AuthorizationTest {

    private static final Set<String> AGENT = Set.of(Roles.AGENT, Roles.ADMIN);
    private static final Set<String> READER = Set.of(Roles.READER, Roles.ADMIN);
    private static final Set<String> ADMIN = Set.of(Roles.ADMIN);

    record Route(String method, String path, String body, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static List<Route> routes(String uuid) {
        String node = "/api/v1/nodes/" + uuid;
        return List.of(
                new Route("POST", "/api/v1/nodes", NodesResourceTest.registerBody(null, "auth"), AGENT),
                new Route("GET", "/api/v1/nodes", null, READER),
                new Route("GET", node, null, READER),
                new Route("PUT", node, "{\"name\": \"renamed\"}", ADMIN),
                new Route("POST", node + "/heartbeat", "{}", AGENT),
                new Route("POST", node + "/heartbeat", null, AGENT),
                new Route("PUT", node + "/resource", "{\"cpu_usage_percent\": 1}", AGENT),
                new Route("GET", node + "/resource", null, READER),
                new Route("GET", node + "/with-resource", null, READER),
                new Route("GET", "/api/v1/resources", null, READER),
                new Route("GET", "/api/v1/cluster/stats", null, READER),
                new Route("GET", "/api/v1/admin/backups", null, ADMIN),
                new Route("POST", "/api/v1/admin/backups/20000101T000000.000Z/verify", null, ADMIN),
                new Route("GET", "/api/v1/admin/export", null, ADMIN),
                new Route("DELETE", "/api/v1/nodes/" + UUID.randomUUID(), null, ADMIN),
                new Route("DELETE", node, null, ADMIN));
    }

    private static RequestSpecification as(String token) {
        RequestSpecification request = given();
        return token == null ? request : request.auth().oauth2(token);
    }

    private static io.restassured.response.Response send(Route route, String token) {
        RequestSpecification request = as(token);
        if (route.body() != null) {
            request = request.contentType(ContentType.JSON).body(route.body());
        }
        return request.request(route.method(), route.path());
    }

    private static String registerAsAdmin() {
        return as(TestTokens.token(Roles.ADMIN))
                .contentType(ContentType.JSON)
                .body(NodesResourceTest.registerBody(null, "auth"))
                .post("/api/v1/nodes")
                .then()
                .statusCode(201)
                .extract()
                .path("uuid");
    }

    @Test
    void eachRoleReachesExactlyItsRoutes() {
        for (String role : List.of(Roles.AGENT, Roles.READER, Roles.ADMIN)) {
            String uuid = registerAsAdmin();
            for (Route route : routes(uuid)) {
                var response = send(route, TestTokens.token(role)).then();
                if (route.allowed().contains(role)) {
                    response.statusCode(not(oneOf(401, 403)));
                } else {
                    NodesResourceTest.assertProblem(response, 403);
                    response.body("detail", containsString("role"));
                }
            }
            // a refused write changed nothing
            as(TestTokens.token(Roles.ADMIN))
                    .get("/api/v1/nodes/" + uuid)
                    .then()
                    .statusCode(role.equals(Roles.ADMIN) ? 404 : 200);
        }
    }

    @Test
    void withoutAValidTokenEveryApiRouteIs401ProblemJson() {
        String uuid = registerAsAdmin();
        List<String> badTokens = List.of(
                "",
                "not-a-jwt",
                TestTokens.expired(Roles.ADMIN),
                TestTokens.fromAnotherIssuer(Roles.ADMIN),
                TestTokens.signedByAStranger(Roles.ADMIN));
        for (Route route : routes(uuid)) {
            NodesResourceTest.assertProblem(send(route, null).then().header("WWW-Authenticate", "Bearer"), 401);
            for (String bad : badTokens) {
                var response = given().header("Authorization", "Bearer " + bad);
                if (route.body() != null) {
                    response = response.contentType(ContentType.JSON).body(route.body());
                }
                NodesResourceTest.assertProblem(
                        response.request(route.method(), route.path()).then(), 401);
            }
        }
        as(TestTokens.token(Roles.READER))
                .get("/api/v1/nodes/" + uuid)
                .then()
                .statusCode(200)
                .body("name", equalTo("worker"));
    }

    @Test
    void aTokenWithoutGroupsIsForbiddenNotAnonymous() {
        NodesResourceTest.assertProblem(
                as(TestTokens.token()).get("/api/v1/cluster/stats").then(), 403);
    }

    @Test
    void probesScrapersAndTheApiDocumentStayOpen() {
        for (String path : List.of(
                "/q/health/live", "/q/health/ready", "/q/health/started", "/q/health", "/q/metrics", "/q/openapi")) {
            given().get(path).then().statusCode(200);
        }
        // a bad token on an open route is not an error either
        given().header("Authorization", "Bearer not-a-jwt")
                .get("/q/health/ready")
                .then()
                .statusCode(200);
    }

    @Test
    void tokensNeverReachTheLog() throws Exception {
        String good = TestTokens.token(Roles.READER);
        String stranger = TestTokens.signedByAStranger(Roles.ADMIN);
        as(good).get("/api/v1/cluster/stats").then().statusCode(200);
        as(stranger).get("/api/v1/cluster/stats").then().statusCode(401);
        as(good).delete("/api/v1/nodes/" + UUID.randomUUID()).then().statusCode(403);
        String log = Files.readString(Path.of(AuthEnabledProfile.LOG_FILE));
        assertTrue(log.contains("Authentication on: bearer JWTs from issuer " + TestTokens.ISSUER), "startup says so");
        for (String token : List.of(good, stranger)) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertFalse(log.contains(signature), "a token's signature is in the log");
            assertFalse(
                    log.contains(token.substring(0, token.indexOf('.', token.indexOf('.') + 1))),
                    "a token's header and claims are in the log");
        }
    }
}
