package io.spear.next.sms.api;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Holds request lines to {@value #MAX_URI_BYTES} bytes with a 414 in problem+json. The HTTP server
 * reads lines of up to 1 MiB ({@code quarkus.http.limits.max-initial-line-length}) so that this
 * filter, not Vert.x's bare 414, answers the URLs a client can plausibly send; the 1,000 node uuids a
 * listing takes need about 47 KB.
 */
public class RequestLineFilter {

    static final int MAX_URI_BYTES = 65536;

    @ServerRequestFilter(preMatching = true)
    RestResponse<Problem> checkLine(HttpServerRequest request) {
        int length = request.uri().length();
        return length <= MAX_URI_BYTES
                ? null
                : ProblemMappers.problem(
                        414,
                        "the URL has " + length + " characters; the limit is " + MAX_URI_BYTES
                                + " (node_uuid takes up to 1,000 uuids within it)",
                        request,
                        null);
    }
}
