package io.spear.next.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.spear.next.reliability.MalformedRequests.BadRequest;
import io.spear.next.sms.api.NodesResourceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The malformed-request corpus: every case a 4xx problem, none a 5xx or a hang, and the store's
 * export byte for byte the same afterwards. This suite runs every fourth case; the integration
 * test runs them all against the packaged jar.
 */
@QuarkusTest
@TestProfile(QuietSweeperProfile.class)
class MalformedRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every how-many-th case of the corpus this suite sends. */
    int stride() {
        return Integer.getInteger("corpus.stride", 4);
    }

    @Test
    void everyMalformedRequestIsA4xxProblemAndChangesNothing() throws Exception {
        String uuid = NodesResourceTest.register("corpus");
        given().contentType(ContentType.JSON)
                .body("{\"resource\": " + NodesResourceTest.REPORT + "}")
                .post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(200);
        List<BadRequest> corpus = MalformedRequests.corpus(uuid);
        assertTrue(corpus.size() >= 1000, "the corpus has " + corpus.size() + " cases");
        List<BadRequest> chosen = IntStream.range(0, corpus.size())
                .filter(i -> i % stride() == 0)
                .mapToObj(corpus::get)
                .toList();

        byte[] before = export();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> failures = new ArrayList<>();
        for (BadRequest bad : chosen) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(RestAssured.baseURI + ":" + RestAssured.port + bad.path()))
                    .timeout(Duration.ofSeconds(10))
                    .method(
                            bad.method(),
                            bad.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(bad.body()));
            if (bad.contentType() != null) {
                request.header("Content-Type", bad.contentType());
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String problem = check(response);
            if (problem != null) {
                failures.add(bad + ": " + problem);
            }
        }
        // the whole list, one per line, for whoever mends them
        java.nio.file.Files.write(
                java.nio.file.Path.of("target", getClass().getSimpleName() + "-failures.txt"), failures);
        assertEquals(
                List.of(),
                failures,
                failures.size() + " of " + chosen.size() + " cases (all in target/"
                        + getClass().getSimpleName() + "-failures.txt)");
        assertArrayEquals(before, export(), "the store changed");
    }

    /** Null when the response is a 4xx problem whose status matches; what is wrong otherwise. */
    private static String check(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        if (status < 400 || status >= 500) {
            return "answered " + status + " " + abbreviate(body);
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return status + " as "
                    + response.headers().firstValue("Content-Type").orElse("no content type") + ": " + abbreviate(body);
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.path("status").asInt() != status
                    || problem.path("detail").asText().isEmpty()) {
                return status + " with problem " + abbreviate(body);
            }
        } catch (Exception e) {
            return status + " with a body that is not JSON: " + abbreviate(body);
        }
        return null;
    }

    private static byte[] export() {
        return given().get("/api/v1/admin/export")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
