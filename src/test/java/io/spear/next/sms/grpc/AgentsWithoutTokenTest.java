package io.spear.next.sms.grpc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.spear.next.sms.grpc.spear.NodeOuterClass.DeleteNodeRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.GetNodeRequest;
import io.spear.next.sms.grpc.spear.NodeOuterClass.Node;
import io.spear.next.sms.grpc.spear.NodeOuterClass.UpdateNodeRequest;
import io.spear.next.sms.grpc.spear.NodeServiceGrpc;
import io.spear.next.sms.security.AuthEnabledProfile;
import io.spear.next.sms.security.Roles;
import io.spear.next.testing.GrpcChannels;
import io.spear.next.testing.SpearAgent;
import io.spear.next.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Auth on, and {@code sms.auth.agents-without-token}: Spear's agents, which send no token, register,
 * report and beat over gRPC; nothing else is open to a caller without a token.
 */
@QuarkusTest
@TestProfile(AgentsWithoutTokenTest.AgentsWithoutTokenProfile.class)
class AgentsWithoutTokenTest {

    public static class AgentsWithoutTokenProfile extends AuthEnabledProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("sms.auth.agents-without-token", "true");
            return overrides;
        }
    }

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = GrpcChannels.toTestServer();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        GrpcChannels.close(channel);
    }

    private NodeServiceGrpc.NodeServiceBlockingStub withoutToken() {
        return NodeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static void refused(Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void spearsAgentWorksWithoutATokenAndCanDoNothingElse() {
        SpearAgent agent = new SpearAgent(channel, "10.9.0.1", 50052, 8081, "tokenless");
        assertNull(agent.tick(), "registers and reports");
        assertNull(agent.tick(), "beats and reports");
        agent.restart();
        assertNull(agent.tick(), "registers again");

        refused(
                Status.Code.PERMISSION_DENIED,
                () -> withoutToken()
                        .deleteNode(DeleteNodeRequest.newBuilder()
                                .setUuid(agent.uuid())
                                .build()));
        refused(
                Status.Code.PERMISSION_DENIED,
                () -> withoutToken()
                        .updateNode(UpdateNodeRequest.newBuilder()
                                .setUuid(agent.uuid())
                                .setNode(Node.newBuilder()
                                        .setIpAddress("10.9.0.2")
                                        .setPort(1))
                                .build()));
        refused(
                Status.Code.PERMISSION_DENIED,
                () -> withoutToken()
                        .getNode(GetNodeRequest.newBuilder()
                                .setUuid(agent.uuid())
                                .build()));
        // a token that is sent is checked as always
        refused(
                Status.Code.UNAUTHENTICATED,
                () -> withoutToken()
                        .withCallCredentials(GrpcChannels.bearer(TestTokens.expired(Roles.ADMIN)))
                        .deleteNode(DeleteNodeRequest.newBuilder()
                                .setUuid(agent.uuid())
                                .build()));
        // REST still needs a token for everything but the probes
        given().contentType("application/json")
                .body("{\"ip_address\": \"10.9.0.3\", \"port\": 7000}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(401);
        given().delete("/api/v1/nodes/" + agent.uuid()).then().statusCode(401);

        // the node is there, as an operator with a token sees it
        assertTrue(withoutToken()
                .withCallCredentials(GrpcChannels.bearer(TestTokens.token(Roles.READER)))
                .getNode(GetNodeRequest.newBuilder().setUuid(agent.uuid()).build())
                .getFound());
    }
}
