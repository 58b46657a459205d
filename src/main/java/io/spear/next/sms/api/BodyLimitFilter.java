package io.spear.next.sms.api;

import io.spear.next.sms.config.SmsConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body larger than {@code sms.api.max-body-bytes} before reading it, with a 413 problem,
 * and a body of unknown length (chunked) with 411. The import route streams bodies of any size
 * (up to quarkus.http.limits.max-body-size) and is exempt.
 */
public class BodyLimitFilter {

    private static final String IMPORT_PATH = "/api/v1/admin/import";

    private final long maxBytes;

    BodyLimitFilter(SmsConfig config) {
        this.maxBytes = config.api().maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    RestResponse<Problem> limitBody(HttpServerRequest request) {
        if (request.path().equals(IMPORT_PATH)) {
            return null;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return request.getHeader("Transfer-Encoding") == null ? null
                    : ProblemMappers.problem(411, "send a Content-Length: bodies of unknown length are refused", request,
                            null);
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
