package io.spear.next.sms.grpc;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.health.v1.MutinyHealthGrpc;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import java.time.Duration;

/**
 * The standard {@code grpc.health.v1.Health} service, answering what {@code /q/health/ready}
 * answers: SERVING when the readiness checks are UP, NOT_SERVING otherwise, for the server as a
 * whole ("") and for {@code sms.NodeService}. Quarkus' own health service only knows whether the
 * gRPC server runs, so it is switched off (quarkus.grpc.server.grpc-health.enabled=false).
 */
@GrpcService
public class ReadinessHealthService extends MutinyHealthGrpc.HealthImplBase {

    /** How often Watch looks at readiness again. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    static final int SERVICE_UNKNOWN = 3;

    private final SmallRyeHealthReporter health;

    ReadinessHealthService(SmallRyeHealthReporter health) {
        this.health = health;
    }

    @Override
    public Uni<HealthCheckResponse> check(HealthCheckRequest request) {
        if (!knows(request.getService())) {
            return Uni.createFrom().failure(unknown(request.getService()));
        }
        return readiness();
    }

    @Override
    public Multi<HealthCheckResponse> watch(HealthCheckRequest request) {
        if (!knows(request.getService())) {
            // the protocol's answer to an unknown service on Watch is SERVICE_UNKNOWN (3), not an
            // error; the health.proto Quarkus bundles predates that value, hence the number
            return Multi.createFrom()
                    .item(HealthCheckResponse.newBuilder()
                            .setStatusValue(SERVICE_UNKNOWN)
                            .build());
        }
        return Multi.createFrom()
                .ticks()
                .startingAfter(Duration.ZERO)
                .every(WATCH_INTERVAL)
                .onItem()
                .transformToUniAndConcatenate(tick -> readiness())
                .skip()
                .repetitions();
    }

    private Uni<HealthCheckResponse> readiness() {
        // the checks look at the disk: off the event loop
        return Uni.createFrom()
                .item(() ->
                        response(health.getReadiness().isDown() ? ServingStatus.NOT_SERVING : ServingStatus.SERVING))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static boolean knows(String service) {
        return service.isEmpty() || service.equals(NodeServiceGrpc.SERVICE_NAME);
    }

    private static io.grpc.StatusRuntimeException unknown(String service) {
        return Status.NOT_FOUND
                .withDescription("no health status for service '" + service + "'; ask for '' or '"
                        + NodeServiceGrpc.SERVICE_NAME + "'")
                .asRuntimeException();
    }

    private static HealthCheckResponse response(ServingStatus status) {
        return HealthCheckResponse.newBuilder().setStatus(status).build();
    }
}
