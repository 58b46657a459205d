package io.spear.next.sms;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.spear.next.testing.Command;
import io.spear.next.testing.GrpcChannels;
import io.spear.next.testing.Monitoring;
import io.spear.next.testing.Promtool;
import io.spear.next.testing.ServiceProcess;
import io.spear.next.testing.SpearAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service's /q/metrics, as Prometheus' tools and deployment/monitoring read it. */
@QuarkusIntegrationTest
class MonitoringIT {

    @BeforeEach
    void traffic() {
        String uuid = ServiceProcess.register(RestAssured.port);
        given().post("/api/v1/nodes/" + uuid + "/heartbeat").then().statusCode(200);
    }

    @Test
    void aPlainScrapePassesPromtoolCheckMetrics() throws Exception {
        // what `curl /q/metrics | promtool check metrics` sees: the classic text format
        String scrape = given().get("/q/metrics")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain; version=0.0.4"))
                .extract()
                .asString();
        Command.Result result = Promtool.run(Path.of("."), scrape, "check", "metrics");
        assertEquals(0, result.exit(), result.output());
    }

    @Test
    void aScrapeAfterGrpcCallsPassesPromtoolCheckMetricsToo(@TempDir Path work) throws Exception {
        try (ServiceProcess sms = ServiceProcess.start(
                        work, Map.of("KV_PATH", work.resolve("data").toString()))
                .awaitReady(Duration.ofSeconds(60))) {
            ManagedChannel channel = GrpcChannels.to(sms.grpcPort());
            try {
                SpearAgent agent = new SpearAgent(channel, "10.0.0.9", 50052, 8081, "metrics");
                assertNull(agent.tick(), "registers and reports");
                assertNull(agent.tick(), "beats and reports");
            } finally {
                GrpcChannels.close(channel);
            }
            String scrape = given().port(sms.port())
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertTrue(scrape.contains("grpc_server_processing_duration_seconds_count{method=\"Heartbeat\""), scrape);
            assertTrue(scrape.contains("status_code=\"OK\""), "label names in snake_case");
            Command.Result result = Promtool.run(Path.of("."), scrape, "check", "metrics");
            assertEquals(0, result.exit(), result.output());
        }
    }

    @Test
    void prometheusStillGetsOpenMetrics() {
        String prometheus = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
        for (String accept : new String[] {prometheus, "application/openmetrics-text; version=1.0.0"}) {
            given().accept(accept)
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .contentType(org.hamcrest.Matchers.startsWith("application/openmetrics-text"))
                    .body(org.hamcrest.Matchers.endsWith("# EOF\n"));
        }
    }

    @Test
    void everySmsMetricHasAHelpText() {
        Map<String, String> help = new TreeMap<>();
        given().get("/q/metrics")
                .asString()
                .lines()
                .filter(line -> line.startsWith("# HELP sms_"))
                .forEach(line -> {
                    String[] parts = line.split(" ", 4);
                    help.put(parts[2], parts.length > 3 ? parts[3].trim() : "");
                });
        assertTrue(
                help.keySet()
                        .containsAll(Set.of(
                                "sms_heartbeats_total",
                                "sms_registrations_total",
                                "sms_nodes",
                                "sms_ready",
                                "sms_watch_dropped_total",
                                "sms_sweeper_marked_unhealthy_total")),
                help.keySet().toString());
        help.forEach((name, text) -> assertTrue(
                text.length() > 10 && !text.equals(name.replace('_', ' ')),
                name + " has a help text of its own, got '" + text + "'"));
    }

    /** A rule or a panel over a metric the service does not export would never fire or draw. */
    @Test
    void everyMetricTheAlertsAndTheDashboardReadIsExported() {
        Set<String> exported = given().get("/q/metrics")
                .asString()
                .lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> read = new TreeSet<>();
        Monitoring.alertRules()
                .forEach(rule ->
                        read.addAll(Monitoring.metricNames(rule.path("expr").asText())));
        Monitoring.dashboardQueries().forEach(query -> read.addAll(Monitoring.metricNames(query)));
        read.remove("up"); // Prometheus' own, per target
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "read by deployment/monitoring but not exported");
        assertTrue(read.size() > 10, read.toString());
    }
}
