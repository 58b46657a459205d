package io.spear.next.sms.api;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /health}, the path Spear's Helm chart probes for liveness and readiness alike: every
 * liveness and readiness check, 200 when all are UP and 503 otherwise, the body
 * {@code /q/health} sends. New deployments should probe {@code /q/health/live} and
 * {@code /q/health/ready} apart, so that a store outage stops traffic without restarting the pod.
 */
@Path("/health")
public class SpearHealthResource {

    private final SmallRyeHealthReporter health;

    SpearHealthResource(SmallRyeHealthReporter health) {
        this.health = health;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response health() {
        SmallRyeHealth report = health.getHealth();
        return Response.status(report.isDown() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.OK)
                .entity(report.getPayload().toString())
                .build();
    }
}
