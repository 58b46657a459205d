package io.spear.next.sms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.spear.next.testing.SseClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lists and the watch stream are compressed for a client that asks (Accept-Encoding), and carry the
 * same JSON; everything else stays plain. Uses the JDK's client, which leaves the body as it came.
 */
@QuarkusTest
class CompressionTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String url(String path) {
        return RestAssured.baseURI + ":" + RestAssured.port + path;
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nodes?limit=50&label=zone%3Dgzip", "/api/v1/resources?limit=50"})
    void aListIsGzippedWhenTheClientAsksAndHoldsTheSameJson(String path) throws Exception {
        for (int i = 0; i < 20; i++) {
            String uuid = NodesResourceTest.register("gzip");
            RestAssured.given()
                    .contentType("application/json")
                    .body(NodesResourceTest.REPORT)
                    .put("/api/v1/nodes/" + uuid + "/resource")
                    .then()
                    .statusCode(200);
        }
        HttpResponse<byte[]> plain = get(path, null);
        HttpResponse<byte[]> gzipped = get(path, "gzip, deflate");

        assertEquals(200, plain.statusCode());
        assertEquals(Optional.empty(), plain.headers().firstValue("Content-Encoding"));
        assertEquals(200, gzipped.statusCode());
        assertEquals(Optional.of("gzip"), gzipped.headers().firstValue("Content-Encoding"));
        assertTrue(gzipped.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(JSON.readTree(plain.body()), JSON.readTree(gunzip(gzipped.body())));
        assertTrue(
                gzipped.body().length * 3 < plain.body().length,
                gzipped.body().length + " compressed bytes against " + plain.body().length);
    }

    @Test
    void otherAnswersStayPlain() throws Exception {
        String uuid = NodesResourceTest.register("gzip-plain");
        HttpResponse<byte[]> node = get("/api/v1/nodes/" + uuid, "gzip");
        HttpResponse<byte[]> stats = get("/api/v1/cluster/stats", "gzip");
        HttpResponse<String> beat = HTTP.send(
                HttpRequest.newBuilder(URI.create(url("/api/v1/nodes/" + uuid + "/heartbeat")))
                        .header("Accept-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, node.statusCode());
        assertEquals(Optional.empty(), node.headers().firstValue("Content-Encoding"));
        assertEquals(uuid, JSON.readTree(node.body()).get("uuid").asText());
        assertEquals(200, stats.statusCode());
        assertEquals(Optional.empty(), stats.headers().firstValue("Content-Encoding"));
        assertEquals(200, beat.statusCode(), beat.body());
        assertEquals(Optional.empty(), beat.headers().firstValue("Content-Encoding"));
    }

    @Test
    void theWatchStreamIsGzippedEventByEvent() throws Exception {
        try (SseClient watch = SseClient.connect(
                        url("/api/v1/watch?label=zone%3Dgzip-watch"), Map.of("Accept-Encoding", "gzip"))
                .read()) {
            assertEquals(200, watch.status());
            assertEquals("gzip", watch.contentEncoding());
            // each event comes on its own, not when a compression buffer fills
            for (int i = 0; i < 3; i++) {
                String uuid = NodesResourceTest.register("gzip-watch");
                SseClient.Event event = watch.next(Duration.ofSeconds(10));
                assertEquals("node_registered", event.name());
                assertEquals(uuid, JSON.readTree(event.data()).get("node_uuid").asText());
            }
        }
    }
}
