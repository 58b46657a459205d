package io.spear.next.sms.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.annotation.security.PermitAll;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /health}, the path Spear's Helm chart probes for liveness and readiness alike, with
 * the body of Spear's own ({@code src/sms/handlers/health.rs}): {@code {"status": "healthy",
 * "timestamp": <RFC 3339>, "service": "sms"}}. It is 200 when every liveness and readiness check
 * is UP; otherwise 503 with {@code "status": "unhealthy"} and the checks that say why. New
 * deployments should probe {@code /q/health/live} and {@code /q/health/ready} apart, so that a
 * store outage stops traffic without restarting the pod.
 */
@Path("/health")
public class SpearHealthResource {

    /** As Rust's chrono writes {@code to_rfc3339()} in UTC: an offset of +00:00, not Z. */
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private final SmallRyeHealthReporter health;

    SpearHealthResource(SmallRyeHealthReporter health) {
        this.health = health;
    }

    @GET
    @Blocking // the checks look at the disk
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response health() {
        SmallRyeHealth report = health.getHealth();
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("status", report.isDown() ? "unhealthy" : "healthy")
                .add("timestamp", RFC_3339.format(OffsetDateTime.now(ZoneOffset.UTC)))
                .add("service", "sms");
        if (report.isDown()) {
            body.add("checks", report.getPayload().getJsonArray("checks"));
        }
        return Response.status(report.isDown() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.OK)
                .entity(body.build().toString())
                .build();
    }
}
