package io.spear.next.sms.metrics;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Content negotiation of {@code /q/metrics} as Prometheus' own client libraries do it: OpenMetrics
 * to a client that asks for it (Prometheus does), the classic text format (0.0.4) to any other
 * (curl, {@code promtool check metrics}, older agents), whose parsers reject OpenMetrics' counter
 * names and escapes. Quarkus alone sends OpenMetrics to {@code *}{@code /*} and refuses (406) an
 * Accept that names OpenMetrics with parameters, so the header is put in the form it answers
 * right before its route sees it.
 */
@ApplicationScoped
class MetricsFormat {

    static final String OPEN_METRICS = "application/openmetrics-text";

    void route(@Observes Router router) {
        router.route("/q/metrics").order(-100).handler(request -> {
            String accept = request.request().getHeader(HttpHeaders.ACCEPT);
            boolean openMetrics = accept != null && accept.contains(OPEN_METRICS);
            request.request().headers().set(HttpHeaders.ACCEPT, openMetrics ? "*/*" : "text/plain");
            request.next();
        });
    }
}
