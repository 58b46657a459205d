package io.spear.next.sms.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds every meter, the libraries' too, to what {@code promtool check metrics} asks of a scrape:
 * a help text for every family, help texts a strict text-format parser reads (no double quotes,
 * which Micrometer's JVM binders use and the 0.0.4 format cannot escape), base units and no
 * {@code _count} suffix outside summaries, and label names in snake_case (grpc-java's meters,
 * through Quarkus, tag {@code methodType} and {@code statusCode}: they become {@code method_type}
 * and {@code status_code}). Quarkus applies MeterFilter beans to every registry.
 */
@Singleton
public class PrometheusConventions implements MeterFilter {

    /** Help texts for the meters Quarkus registers without one. */
    private static final Map<String, String> HELP = Map.of("http.server.active.requests", "HTTP requests being served");

    /**
     * Left out: process.cpu.time is in nanoseconds where Prometheus wants seconds
     * (process_cpu_usage says the same); system.cpu.count reads as a summary's _count; the
     * http.server.connections long-task timer comes out as a summary with samples no summary has
     * (http_server_active_connections counts the connections).
     */
    private static final Set<String> DENIED = Set.of("process.cpu.time", "system.cpu.count", "http.server.connections");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return DENIED.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String help = id.getDescription();
        if (help == null || help.isBlank()) {
            help = HELP.getOrDefault(id.getName(), id.getName().replace('.', ' '));
        }
        help = help.replace('"', '\'');
        List<Tag> tags = id.getTags().stream()
                .map(tag -> Tag.of(snakeCase(tag.getKey()), tag.getValue()))
                .toList();
        return help.equals(id.getDescription()) && tags.equals(id.getTags())
                ? id
                : new Meter.Id(id.getName(), Tags.of(tags), id.getBaseUnit(), help, id.getType());
    }

    /** {@code statusCode} as {@code status_code}; a name without capitals as it is. */
    static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    snake.append('_');
                }
                snake.append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
