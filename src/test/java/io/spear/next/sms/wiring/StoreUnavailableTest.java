package io.spear.next.sms.wiring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.spear.next.sms.api.NodesResourceTest;
import io.spear.next.sms.grpc.v1.GetNodeRequest;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.ListNodesRequest;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.testing.GrpcChannels;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A store that fails under the API (here: closed, as after a fatal I/O error): every route answers
 * 503 problem+json with Retry-After instead of a 500, and the probes say DOWN. Its own Quarkus
 * instance, since the store stays closed.
 */
@QuarkusTest
@TestProfile(StoreUnavailableTest.OwnInstance.class)
class StoreUnavailableTest {

    public static class OwnInstance implements QuarkusTestProfile {}

    @Inject
    KvStore store;

    @Test
    void everyRouteAnswers503WithRetryAfterAndTheProbesSayDown() throws InterruptedException {
        String uuid = NodesResourceTest.register("doomed");
        store.close();
        for (var response : java.util.List.of(
                given().contentType(ContentType.JSON)
                        .body(NodesResourceTest.registerBody(null, "z"))
                        .post("/api/v1/nodes"),
                given().contentType(ContentType.JSON).body("{}").post("/api/v1/nodes/" + uuid + "/heartbeat"),
                given().get("/api/v1/nodes/" + uuid),
                given().get("/api/v1/nodes"),
                given().get("/api/v1/cluster/stats"))) {
            NodesResourceTest.assertProblem(response.then().header("Retry-After", "5"), 503);
            response.then().body("detail", containsString("the registry's storage is unavailable"));
        }
        given().get("/q/health/live").then().statusCode(503);
        given().get("/q/health/ready").then().statusCode(503);
        given().get("/health")
                .then()
                .statusCode(503)
                .body("status", org.hamcrest.Matchers.equalTo("unhealthy"))
                .body("service", org.hamcrest.Matchers.equalTo("sms"))
                .body("checks.status", org.hamcrest.Matchers.hasItem("DOWN"));

        // gRPC: the same failure is UNAVAILABLE, and the health service says NOT_SERVING
        ManagedChannel channel = GrpcChannels.toTestServer();
        try {
            NodeServiceGrpc.NodeServiceBlockingStub client = NodeServiceGrpc.newBlockingStub(channel);
            for (Executable call : java.util.List.<Executable>of(
                    () -> client.heartbeat(
                            HeartbeatRequest.newBuilder().setUuid(uuid).build()),
                    () -> client.getNode(
                            GetNodeRequest.newBuilder().setUuid(uuid).build()),
                    () -> client.listNodes(ListNodesRequest.getDefaultInstance()))) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
                assertTrue(e.getStatus().getDescription().contains("the registry's storage is unavailable"));
            }
            assertEquals(
                    ServingStatus.NOT_SERVING,
                    HealthGrpc.newBlockingStub(channel)
                            .check(HealthCheckRequest.getDefaultInstance())
                            .getStatus());
        } finally {
            GrpcChannels.close(channel);
        }
    }
}
