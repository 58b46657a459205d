package io.spear.next.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deployment/monitoring: the alert rules and the Grafana dashboard, read as their tools read them. */
public final class Monitoring {

    public static final Path DIR = Path.of("deployment/monitoring");
    public static final Path ALERTS = DIR.resolve("alerts.yaml");
    public static final Path DASHBOARD = DIR.resolve("grafana-dashboard.json");

    /** A metric name right before its label matchers: {@code name{...}}. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private Monitoring() {}

    public static JsonNode alerts() {
        return read(ALERTS, new ObjectMapper(new YAMLFactory()));
    }

    /** alerts-test.yaml: the unit tests of the alerts, as promtool reads them. */
    public static JsonNode alertTests() {
        return read(DIR.resolve("alerts-test.yaml"), new ObjectMapper(new YAMLFactory()));
    }

    public static JsonNode dashboard() {
        return read(DASHBOARD, new ObjectMapper());
    }

    /** Every alerting rule of every group. */
    public static List<JsonNode> alertRules() {
        List<JsonNode> rules = new ArrayList<>();
        alerts().path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    /** Every panel of the dashboard, those inside rows too. */
    public static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        dashboard().path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        });
        return panels;
    }

    /** The PromQL of every panel target and of the variables' queries, as Grafana would send it. */
    public static List<String> dashboardQueries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            panel.path("targets")
                    .forEach(target -> queries.add(target.path("expr").asText()));
        }
        return queries.stream().map(Monitoring::asPromQl).toList();
    }

    /** Grafana's variables replaced by values Prometheus takes. */
    public static String asPromQl(String query) {
        return query.replace("$__rate_interval", "1m").replace("$instance", ".*");
    }

    /** The metric names an expression selects. */
    public static Set<String> metricNames(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = SELECTOR.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
