package io.spear.next.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spear.next.testing.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients heartbeating, updating and deleting the same few nodes while the sweeper runs every
 * 100 ms and marks silent nodes unhealthy: every acknowledged write holds a revision of its own, each
 * client sees a node's revisions grow, no update is lost, a deleted node stays deleted, and the log
 * has no error.
 */
class ConcurrentWritersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 12;
    private static final int NODES = 4;

    @TempDir
    Path work;

    record Ack(String uuid, long revision, String what) {}

    @Test
    void noLostUpdateNoResurrectionRevisionsStrictlyIncreasing() throws Exception {
        try (ServiceProcess sms = ServiceProcess.start(
                        work,
                        Map.of(
                                "KV_PATH",
                                work.resolve("data").toString(),
                                "SMS_HEARTBEAT_CHECK_INTERVAL",
                                "0.1s",
                                "SMS_HEARTBEAT_TIMEOUT",
                                "1s"))
                .awaitReady(Duration.ofSeconds(60))) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + sms.port() + "/api/v1/nodes";
            List<String> uuids = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                String uuid = UUID.randomUUID().toString();
                send(http, "POST", base, "{\"uuid\":\"" + uuid + "\",\"ip_address\":\"10.0.0.1\",\"port\":7000}", 201);
                uuids.add(uuid);
            }
            String doomed = uuids.get(0);
            Map<String, Long> deletedAt = new ConcurrentHashMap<>(); // doomed uuid -> when its delete was acked
            List<Ack> acks = new CopyOnWriteArrayList<>();
            List<String> violations = new CopyOnWriteArrayList<>();
            // client -> node -> the last metadata value the client had acknowledged
            List<Map<String, Integer>> lastUpdate = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            // the doomed node goes halfway through, whatever the machine's request rate, so that
            // every client sends to it both before and after its delete is acknowledged
            long deleteFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Map<String, Integer> mine = new HashMap<>();
                lastUpdate.add(mine);
                clients.add(pool.submit(() -> {
                    Random random = new Random(client);
                    Map<String, Long> seen = new HashMap<>();
                    int counter = 0;
                    while (System.nanoTime() < end) {
                        String uuid = uuids.get(random.nextInt(NODES));
                        int dice = random.nextInt(100);
                        long sentAt = System.nanoTime();
                        HttpResponse<String> response;
                        String what;
                        if (client == 0 && !deletedAt.containsKey(doomed) && sentAt > deleteFrom) {
                            response = send(http, "DELETE", base + "/" + doomed, null, -1);
                            if (response.statusCode() == 204) {
                                deletedAt.put(doomed, System.nanoTime());
                            }
                            continue;
                        } else if (dice < 55) {
                            what = "heartbeat";
                            response = send(
                                    http,
                                    "POST",
                                    base + "/" + uuid + "/heartbeat",
                                    "{\"resource\":{\"cpu_usage_percent\":" + random.nextInt(100)
                                            + ",\"memory_usage_percent\":50}}",
                                    -1);
                        } else {
                            counter++;
                            what = "update c" + client + "=" + counter;
                            response = send(
                                    http,
                                    "PUT",
                                    base + "/" + uuid,
                                    "{\"metadata\":{\"c" + client + "\":\"" + counter + "\"}}",
                                    -1);
                        }
                        if (response.statusCode() == 404) {
                            if (!uuid.equals(doomed)) {
                                violations.add(what + " on " + uuid + " found no node");
                            }
                            continue;
                        }
                        if (response.statusCode() != 200) {
                            violations.add(what + " on " + uuid + " answered " + response.statusCode() + " "
                                    + response.body());
                            continue;
                        }
                        Long deleted = deletedAt.get(uuid);
                        if (deleted != null && sentAt > deleted) {
                            violations.add(what + " sent after the delete of " + uuid + " was acknowledged succeeded");
                        }
                        long revision =
                                JSON.readTree(response.body()).path("revision").asLong();
                        Long before = seen.put(uuid, revision);
                        if (before != null && revision <= before) {
                            violations.add("client " + client + " saw " + uuid + " go from revision " + before + " to "
                                    + revision);
                        }
                        acks.add(new Ack(uuid, revision, what));
                        if (what.startsWith("update")) {
                            mine.put(uuid, counter);
                        }
                    }
                    return null;
                }));
            }
            pool.shutdown();
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), violations);
            assertTrue(deletedAt.containsKey(doomed), "the doomed node was deleted during the run");

            for (String uuid : uuids) {
                HttpResponse<String> response = send(http, "GET", base + "/" + uuid, null, -1);
                if (uuid.equals(doomed)) {
                    assertEquals(404, response.statusCode(), "a deleted node came back: " + response.body());
                    continue;
                }
                assertEquals(200, response.statusCode());
                JsonNode node = JSON.readTree(response.body());
                Set<Long> revisions = new HashSet<>();
                long writes = 0;
                for (Ack ack : acks) {
                    if (ack.uuid().equals(uuid)) {
                        writes++;
                        assertTrue(
                                revisions.add(ack.revision()),
                                "two writes to " + uuid + " acknowledged with revision " + ack.revision()
                                        + ": one of them was lost");
                    }
                }
                assertTrue(
                        node.path("revision").asLong() >= 1 + writes,
                        uuid + " is at revision " + node.path("revision") + " after " + writes
                                + " acknowledged writes");
                for (int client = 0; client < CLIENTS; client++) {
                    Integer last = lastUpdate.get(client).get(uuid);
                    if (last != null) {
                        assertEquals(
                                Integer.toString(last),
                                node.path("metadata").path("c" + client).asText(),
                                "client " + client + "'s last update of " + uuid + " was lost");
                    }
                }
            }
            assertTrue(acks.size() > 500, "the clients wrote: " + acks.size());
            assertEquals(
                    List.of(),
                    sms.output()
                            .lines()
                            .filter(line -> line.contains(" ERROR ") || line.contains("Exception"))
                            .toList());
        }
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String body, int expect)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (expect > 0) {
            assertEquals(expect, response.statusCode(), response.body());
        }
        return response;
    }
}
