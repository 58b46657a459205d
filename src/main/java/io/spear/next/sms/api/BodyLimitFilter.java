package io.spear.next.sms.api;

import io.spear.next.sms.config.SmsConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body larger than {@code sms.api.max-body-bytes} before reading it, with a 413 problem.
 * (Bodies without a Content-Length are cut off by quarkus.http.limits.max-body-size.)
 */
public class BodyLimitFilter {

    private final long maxBytes;

    BodyLimitFilter(SmsConfig config) {
        this.maxBytes = config.api().maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    RestResponse<Problem> limitBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return ProblemMappers.problem(400, "Content-Length is not a number", request, null);
        }
        return bytes > maxBytes
                ? ProblemMappers.problem(413, "the body has " + bytes + " bytes; the limit is " + maxBytes, request, null)
                : null;
    }
}
