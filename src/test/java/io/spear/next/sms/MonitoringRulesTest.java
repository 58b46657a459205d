package io.spear.next.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.spear.next.testing.Command;
import io.spear.next.testing.Monitoring;
import io.spear.next.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deployment/monitoring, checked by promtool and read as Grafana reads a dashboard. */
class MonitoringRulesTest {

    @Test
    void alertRulesAndTheScrapeConfigPassPromtool() throws Exception {
        for (String[] check : List.of(
                new String[] {"check", "rules", "alerts.yaml"}, new String[] {"check", "config", "prometheus.yml"})) {
            Command.Result result = Promtool.run(Monitoring.DIR, null, check);
            assertEquals(0, result.exit(), result.output());
        }
    }

    @Test
    void everyAlertFiresInItsUnitTestAndTheTestsPass() throws Exception {
        Command.Result result = Promtool.run(Monitoring.DIR, null, "test", "rules", "alerts-test.yaml");
        assertEquals(0, result.exit(), result.output());

        JsonNode tests = Monitoring.alertTests();
        Set<String> firedInATest = new HashSet<>();
        Set<String> quietInATest = new HashSet<>();
        tests.path("tests")
                .forEach(test -> test.path("alert_rule_test")
                        .forEach(check -> (check.path("exp_alerts").isEmpty() ? quietInATest : firedInATest)
                                .add(check.path("alertname").asText())));
        for (JsonNode rule : Monitoring.alertRules()) {
            String name = rule.path("alert").asText();
            assertTrue(firedInATest.contains(name), name + " is never seen firing in alerts-test.yaml");
            assertTrue(quietInATest.contains(name), name + " is never seen staying quiet in alerts-test.yaml");
            assertFalse(rule.path("labels").path("severity").asText().isEmpty(), name + " has no severity");
            assertFalse(rule.path("annotations").path("summary").asText().isEmpty(), name + " has no summary");
            assertFalse(rule.path("annotations").path("description").asText().isEmpty(), name + " has no description");
        }
        assertEquals(
                Set.of(
                        "SmsDown",
                        "SmsAbsent",
                        "SmsNotReady",
                        "SmsStoreWritesFailing",
                        "SmsNodesTurningUnhealthy",
                        "SmsSweeperNotRunning",
                        "SmsWatchConsumersDropped",
                        "SmsDiskNearlyFull"),
                new TreeSet<>(Monitoring.alertRules().stream()
                        .map(rule -> rule.path("alert").asText())
                        .toList()));
    }

    @Test
    void theDashboardTakesItsDataSourceAsAVariableOnEveryPanel() {
        JsonNode dashboard = Monitoring.dashboard();
        assertEquals("spear-sms", dashboard.path("uid").asText());
        assertTrue(dashboard.path("schemaVersion").asInt() >= 36, "a schema current Grafana imports as is");
        JsonNode datasource = null;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("datasource")) {
                datasource = variable;
            }
        }
        assertTrue(datasource != null, "a data source variable");
        assertEquals("prometheus", datasource.path("query").asText());
        String reference = "${" + datasource.path("name").asText() + "}";

        Set<Integer> ids = new HashSet<>();
        List<JsonNode> panels = Monitoring.panels();
        assertTrue(panels.size() > 10, "panels over registry, API and store");
        for (JsonNode panel : panels) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + panel.path("id"));
            JsonNode grid = panel.path("gridPos");
            assertTrue(
                    grid.path("w").asInt() > 0
                            && grid.path("x").asInt() + grid.path("w").asInt() <= 24,
                    panel.path("title") + " fits the 24-column grid");
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals(
                    reference,
                    panel.path("datasource").path("uid").asText(),
                    panel.path("title").asText());
            Set<String> refIds = new HashSet<>();
            assertFalse(panel.path("targets").isEmpty(), panel.path("title") + " has queries");
            for (JsonNode target : panel.path("targets")) {
                assertEquals(
                        reference,
                        target.path("datasource").path("uid").asText(),
                        panel.path("title").asText());
                assertTrue(refIds.add(target.path("refId").asText()), "refIds are unique in " + panel.path("title"));
                assertTrue(
                        target.path("expr").asText().contains("job=\"spear-sms\""),
                        panel.path("title") + " reads the spear-sms job: " + target.path("expr"));
            }
        }
    }

    /** Every dashboard query is PromQL that Prometheus parses: checked as recording rules. */
    @Test
    void everyDashboardQueryParses(@TempDir Path work) throws Exception {
        List<Map<String, String>> rules = new ArrayList<>();
        List<String> queries = Monitoring.dashboardQueries();
        for (int i = 0; i < queries.size(); i++) {
            rules.add(Map.of("record", "dashboard:query_" + i, "expr", queries.get(i)));
        }
        Path file = work.resolve("dashboard-queries.yaml");
        new ObjectMapper(new YAMLFactory())
                .writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules))));
        Command.Result result =
                Promtool.run(work, null, "check", "rules", file.getFileName().toString());
        assertEquals(0, result.exit(), result.output() + "\n" + Files.readString(file));
    }
}
