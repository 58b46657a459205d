package io.spear.next.sms.watch;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.testing.ServiceProcess;
import io.spear.next.testing.SseClient;
import io.spear.next.testing.SseClient.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch log survives restarts and crashes of the packaged jar: resume has no gap and no
 * duplicate; and open watches do not slow a shutdown down.
 */
class WatchRestartIT {

    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    @Test
    void aWatcherResumesAcrossARestartAndAKill9() throws Exception {
        Map<String, String> env = Map.of("KV_PATH", work.resolve("data").toString());
        List<Event> before;
        String uuid;
        try (ServiceProcess sms = ServiceProcess.start(work, env).awaitReady(BOOT);
                SseClient watcher = SseClient.connect(url(sms, ""), Map.of()).read()) {
            uuid = ServiceProcess.register(sms.port());
            for (int i = 1; i <= 3; i++) {
                report(sms, uuid, i);
            }
            before = watcher.next(4, WAIT);
            // an open watch does not hold the shutdown for quarkus.shutdown.timeout: it is ended
            long start = System.nanoTime();
            sms.stop();
            assertTrue(
                    System.nanoTime() - start < Duration.ofSeconds(5).toNanos(),
                    "stopped in " + Duration.ofNanos(System.nanoTime() - start));
            assertEquals(List.of(), watcher.untilEnd(WAIT), "the stream ended with nothing more");
        }
        Event kept;
        try (ServiceProcess restarted = ServiceProcess.start(work, env).awaitReady(BOOT)) {
            try (SseClient resumed = SseClient.connect(
                            url(restarted, ""),
                            Map.of("Last-Event-ID", before.get(1).id()))
                    .read()) {
                assertEquals(before.subList(2, 4), resumed.next(2, WAIT));
                report(restarted, uuid, 4);
                kept = resumed.next(WAIT);
                assertTrue(
                        Long.parseLong(kept.id()) > Long.parseLong(before.get(3).id()), "the sequence went on");
            }
            restarted.kill();
        }
        try (ServiceProcess recovered = ServiceProcess.start(work, env).awaitReady(BOOT);
                SseClient resumed = SseClient.connect(
                                url(recovered, ""),
                                Map.of("Last-Event-ID", before.get(3).id()))
                        .read()) {
            assertEquals(kept, resumed.next(WAIT), "the event acknowledged before the kill is in the log");
        }
    }

    private static void report(ServiceProcess sms, String uuid, double cpu) {
        given().port(sms.port())
                .contentType("application/json")
                .body("{\"resource\": {\"cpu_usage_percent\": " + cpu + ", \"memory_usage_percent\": 50}}")
                .post("/api/v1/nodes/" + uuid + "/heartbeat")
                .then()
                .statusCode(200);
    }

    private static String url(ServiceProcess sms, String query) {
        return "http://127.0.0.1:" + sms.port() + "/api/v1/watch" + query;
    }
}
