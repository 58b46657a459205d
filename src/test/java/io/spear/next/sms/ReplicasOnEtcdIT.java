package io.spear.next.sms;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.Response;
import io.spear.next.testing.EtcdCluster;
import io.spear.next.testing.ServiceProcess;
import io.spear.next.testing.SseClient;
import io.spear.next.testing.SseClient.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged SMS replicas over one real three-member etcd cluster: watches and totals across
 * replicas, the sweeper's failover, backups as etcd snapshots, and what clients see while etcd loses
 * members.
 */
class ReplicasOnEtcdIT {

    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static EtcdCluster cluster;

    @TempDir
    Path work;

    @BeforeAll
    static void startCluster() {
        cluster = EtcdCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    /** The environment of replicas sharing one fresh namespace. */
    private static Map<String, String> replicaEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("KV_BACKEND", "etcd");
        env.put("KV_ETCD_ENDPOINTS", cluster.endpoints());
        env.put("KV_ETCD_NAMESPACE", "/it-" + NAMESPACES.incrementAndGet() + "/");
        env.put("KV_ETCD_REQUEST_TIMEOUT", "2s");
        env.put("SMS_LEADER_LEASE_TTL", "3s");
        return env;
    }

    private static String register(ServiceProcess sms) {
        return ServiceProcess.register(sms.port());
    }

    /** A beat with a report; {@code cpu} up to 100, the tests count in hundredths to stay below it. */
    private static Response beat(ServiceProcess sms, String uuid, double cpu) {
        return given().port(sms.port())
                .contentType("application/json")
                .body("{\"resource\": {\"cpu_usage_percent\": " + cpu + ", \"memory_usage_percent\": 50}}")
                .post("/api/v1/nodes/" + uuid + "/heartbeat");
    }

    private static String watchUrl(ServiceProcess sms) {
        return "http://127.0.0.1:" + sms.port() + "/api/v1/watch";
    }

    @Test
    void aWatcherOnOneReplicaSeesEveryChangeMadeThroughTheOtherAndResumesOnEither() throws Exception {
        Map<String, String> env = replicaEnv();
        try (ServiceProcess a = ServiceProcess.start(work, env).awaitReady(BOOT);
                ServiceProcess b = ServiceProcess.start(work, env).awaitReady(BOOT);
                SseClient onB = SseClient.connect(watchUrl(b), Map.of()).read()) {
            String uuid = register(a);
            long start = System.nanoTime();
            Event registered = onB.next(Duration.ofSeconds(1));
            assertTrue(
                    registered.data().contains(uuid) && registered.name().equals("node_registered"),
                    registered.toString());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos(), "within 1 s");
            for (int i = 1; i <= 4; i++) {
                beat(i % 2 == 0 ? a : b, uuid, i).then().statusCode(200);
            }
            List<Event> reports = onB.next(4, Duration.ofSeconds(5));
            for (int i = 0; i < 4; i++) {
                assertTrue(
                        reports.get(i).data().contains("\"cpu_usage_percent\":" + (i + 1) + ".0"),
                        reports.get(i).data());
            }
            // Last-Event-ID taken from B resumes on A with exactly what followed
            try (SseClient onA = SseClient.connect(
                            watchUrl(a), Map.of("Last-Event-ID", reports.get(1).id()))
                    .read()) {
                assertEquals(reports.subList(2, 4), onA.next(2, Duration.ofSeconds(5)));
            }
        }
    }

    @Test
    void backupsOnEtcdAreSnapshotsThatListAndVerify() throws Exception {
        Map<String, String> env = replicaEnv();
        env.put("KV_BACKUP_DIR", work.resolve("backups").toString());
        try (ServiceProcess sms = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            register(sms);
            Response created = given().port(sms.port()).post("/api/v1/admin/backups");
            created.then().statusCode(201);
            String id = created.path("id");
            assertTrue(created.<Integer>path("key_count") > 0, created.asString());
            assertTrue(Files.isRegularFile(work.resolve("backups").resolve(id).resolve("snapshot.db")));
            assertEquals(
                    List.of(id),
                    given().port(sms.port())
                            .get("/api/v1/admin/backups")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("backups.id"));
            assertEquals(
                    Boolean.TRUE,
                    given().port(sms.port())
                            .post("/api/v1/admin/backups/" + id + "/verify")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("verified"));
        }
    }

    @Test
    void clusterStatsStayExactWithBeatsThroughBothReplicas() throws Exception {
        Map<String, String> env = replicaEnv();
        try (ServiceProcess a = ServiceProcess.start(work, env).awaitReady(BOOT);
                ServiceProcess b = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            List<String> uuids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                uuids.add(register(i % 2 == 0 ? a : b));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    ServiceProcess through = c % 2 == 0 ? a : b;
                    int seed = c;
                    clients.add(pool.submit(() -> {
                        for (int i = 0; i < 30; i++) {
                            beat(through, uuids.get((seed + i) % uuids.size()), 10 + seed * 10 + i % 7)
                                    .then()
                                    .statusCode(200);
                        }
                        return null;
                    }));
                }
                for (Future<?> client : clients) {
                    client.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            double sum = 0;
            for (String uuid : uuids) {
                Response resource = given().port(a.port()).get("/api/v1/nodes/" + uuid + "/resource");
                resource.then().statusCode(200);
                sum += number(resource, "cpu_usage_percent");
            }
            for (ServiceProcess sms : List.of(a, b)) {
                Response stats = given().port(sms.port()).get("/api/v1/cluster/stats");
                stats.then().statusCode(200);
                assertEquals(6, stats.<Integer>path("total_nodes"));
                assertEquals(6, stats.<Integer>path("nodes_with_resources"));
                assertEquals(sum / 6, number(stats, "average_cpu_usage"), 1e-9);
            }
        }
    }

    @Test
    void whenTheLeadingReplicaIsKilledTheOtherSweeps() throws Exception {
        Map<String, String> env = replicaEnv();
        env.put("SMS_HEARTBEAT_TIMEOUT", "3s");
        env.put("SMS_HEARTBEAT_CHECK_INTERVAL", "1s");
        try (ServiceProcess a = ServiceProcess.start(work, env).awaitReady(BOOT);
                ServiceProcess b = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            Awaitility.await("one replica leads")
                    .atMost(Duration.ofSeconds(15))
                    .until(() ->
                            a.output().contains("Took the lead") || b.output().contains("Took the lead"));
            ServiceProcess leader = a.output().contains("Took the lead") ? a : b;
            ServiceProcess other = leader == a ? b : a;
            String silent = register(other);
            leader.kill();
            long killed = System.nanoTime();
            // lease TTL 3 s + a check interval of 1 s + the timeout of 3 s, and some slack on 2 cores
            Awaitility.await("the node marked unhealthy by the survivor")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> "unhealthy"
                            .equals(given().port(other.port())
                                    .get("/api/v1/nodes/" + silent)
                                    .then()
                                    .extract()
                                    .path("status")));
            assertTrue(other.output().contains("Took the lead"), "the survivor took the lead");
            assertTrue(System.nanoTime() - killed < Duration.ofSeconds(20).toNanos());
        }
    }

    @Test
    void etcdLosingMembersCostsAtMostAFewSecondsOf503sAndNoAcknowledgedWriteOrEvent() throws Exception {
        Map<String, String> env = replicaEnv();
        try (ServiceProcess a = ServiceProcess.start(work, env).awaitReady(BOOT);
                ServiceProcess b = ServiceProcess.start(work, env).awaitReady(BOOT);
                SseClient watcher = SseClient.connect(watchUrl(b), Map.of()).read()) {
            String uuid = register(a);
            assertEquals("node_registered", watcher.next(Duration.ofSeconds(5)).name());

            // a follower killed: nothing fails
            int leader = cluster.leader();
            int follower = (leader + 1) % cluster.size();
            cluster.kill(follower);
            List<Double> acknowledged = new ArrayList<>();
            int cpu = 0;
            for (int i = 0; i < 20; i++) {
                beat(a, uuid, ++cpu / 100.0).then().statusCode(200);
                acknowledged.add(cpu / 100.0);
            }
            cluster.startMember(follower);
            cluster.awaitHealthy();

            // the leader SIGKILLed: 503s (with Retry-After) for a few seconds at most, then service again
            cluster.kill(cluster.leader());
            long firstFailure = 0;
            long lastFailure = 0;
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int successesAfter = 0;
            while (System.nanoTime() < until && successesAfter < 10) {
                Response response = beat(a, uuid, ++cpu / 100.0);
                if (response.statusCode() == 200) {
                    acknowledged.add(cpu / 100.0);
                    if (firstFailure != 0) {
                        successesAfter++;
                    }
                } else {
                    assertEquals(503, response.statusCode(), response.asString());
                    assertTrue(response.getHeader("Retry-After") != null);
                    lastFailure = System.nanoTime();
                    if (firstFailure == 0) {
                        firstFailure = lastFailure;
                    }
                }
            }
            assertTrue(
                    firstFailure == 0
                            || lastFailure - firstFailure
                                    < Duration.ofSeconds(10).toNanos(),
                    "503s for " + Duration.ofNanos(lastFailure - firstFailure));
            assertTrue(firstFailure == 0 || successesAfter == 10, "service came back after the 503s");

            // every acknowledged report is in the watch, once, in order (unacknowledged ones may be too)
            List<Double> seen = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            double last = acknowledged.get(acknowledged.size() - 1);
            while (seen.isEmpty() || seen.get(seen.size() - 1) < last) {
                Event event = watcher.next(Duration.ofSeconds(10));
                assertTrue(ids.add(event.id()), "event " + event.id() + " repeated");
                String data = event.data();
                int at = data.indexOf("\"cpu_usage_percent\":");
                if (event.name().equals("resource_updated") && at >= 0) {
                    seen.add(Double.parseDouble(data.substring(at + 20, data.indexOf(',', at))));
                }
            }
            assertEquals(seen.stream().sorted().toList(), seen, "in order");
            assertTrue(seen.containsAll(acknowledged), "every acknowledged beat's report is in the log");
        } finally {
            restartStoppedMembers();
        }
    }

    @Test
    void withoutQuorumRequestsGet503AndReadinessSaysWhyThenItRecoversWithoutARestart() throws Exception {
        Map<String, String> env = replicaEnv();
        try (ServiceProcess a = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            String uuid = register(a);
            int keep = cluster.leader();
            for (int i = 0; i < cluster.size(); i++) {
                if (i != keep) {
                    cluster.kill(i);
                }
            }
            Response refused = beat(a, uuid, 1);
            assertEquals(503, refused.statusCode(), refused.asString());
            assertTrue(refused.getHeader("Retry-After") != null);
            assertTrue(refused.getContentType().startsWith("application/problem+json"));
            Awaitility.await("readiness DOWN")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> given().port(a.port()).get("/q/health/ready").statusCode() == 503);
            String readiness = given().port(a.port()).get("/q/health/ready").asString();
            assertTrue(readiness.contains("etcd"), readiness);
            assertEquals(
                    200, given().port(a.port()).get("/q/health/live").statusCode(), "liveness stays local: no restart");

            restartStoppedMembers();
            Awaitility.await("ready again")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> given().port(a.port()).get("/q/health/ready").statusCode() == 200);
            beat(a, uuid, 2).then().statusCode(200);
        } finally {
            restartStoppedMembers();
        }
    }

    private static void restartStoppedMembers() {
        for (int i = 0; i < cluster.size(); i++) {
            if (!cluster.running(i)) {
                cluster.startMember(i);
            }
        }
        cluster.awaitHealthy();
    }

    /** A JSON number as the double it was written as (JsonPath's default reads it as a float where one fits). */
    private static double number(Response response, String path) {
        return response.jsonPath()
                .using(new JsonPathConfig(NumberReturnType.DOUBLE))
                .getDouble(path);
    }
}
