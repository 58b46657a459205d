package io.spear.next.sms.api;

import io.spear.next.sms.config.SmsConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks a request body's framing before anything reads it: a body without a concrete
 * Content-Type is refused with 415 (no guessing what it is), one larger than
 * {@code sms.api.max-body-bytes} with 413, one of unknown length (chunked) with 411. The import
 * route streams bodies of any size (up to quarkus.http.limits.max-body-size) and is exempt from
 * the last two.
 */
public class RequestBodyFilter {

    private static final String IMPORT_PATH = "/api/v1/admin/import";

    private final long maxBytes;

    RequestBodyFilter(SmsConfig config) {
        this.maxBytes = config.api().maxBodyBytes();
    }

    /** The content type a route takes: the import, an export's stream; every other route, JSON. */
    static String bodyType(HttpServerRequest request) {
        return request.path().equals(IMPORT_PATH)
                ? "application/x-ndjson (an export's stream; application/octet-stream and text/plain are taken too)"
                : "application/json";
    }

    @ServerRequestFilter(preMatching = true)
    RestResponse<Problem> checkBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody = request.getHeader("Transfer-Encoding") != null
                || (length != null && !length.strip().equals("0"));
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (hasBody && (type == null || type.isBlank() || type.strip().startsWith("*"))) {
            return ProblemMappers.problem(
                    415, "say what the body is: Content-Type: " + bodyType(request), request, null);
        }
        if (request.path().equals(IMPORT_PATH)) {
            return null;
        }
        if (length == null) {
            return request.getHeader("Transfer-Encoding") == null
                    ? null
                    : ProblemMappers.problem(
                            411, "send a Content-Length: bodies of unknown length are refused", request, null);
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return ProblemMappers.problem(400, "Content-Length is not a number", request, null);
        }
        return bytes > maxBytes
                ? ProblemMappers.problem(
                        413, "the body has " + bytes + " bytes; the limit is " + maxBytes, request, null)
                : null;
    }
}
