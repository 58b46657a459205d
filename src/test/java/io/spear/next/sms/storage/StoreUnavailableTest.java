package io.spear.next.sms.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.spear.next.sms.api.NodesResourceTest;
import io.spear.next.storage.kv.KvStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A store that fails under the API (here: closed, as after a fatal I/O error): every route answers
 * 503 problem+json with Retry-After instead of a 500, and the probes say DOWN. Its own Quarkus
 * instance, since the store stays closed.
 */
@QuarkusTest
@TestProfile(StoreUnavailableTest.OwnInstance.class)
class StoreUnavailableTest {

    public static class OwnInstance implements QuarkusTestProfile {
    }

    @Inject
    KvStore store;

    @Test
    void everyRouteAnswers503WithRetryAfterAndTheProbesSayDown() {
        String uuid = NodesResourceTest.register("doomed");
        store.close();
        for (var response : java.util.List.of(
                given().contentType(ContentType.JSON).body(NodesResourceTest.registerBody(null, "z")).post("/api/v1/nodes"),
                given().contentType(ContentType.JSON).body("{}").post("/api/v1/nodes/" + uuid + "/heartbeat"),
                given().get("/api/v1/nodes/" + uuid),
                given().get("/api/v1/nodes"),
                given().get("/api/v1/cluster/stats"))) {
            NodesResourceTest.assertProblem(response.then().header("Retry-After", "5"), 503);
            response.then().body("detail", containsString("the registry's storage is unavailable"));
        }
        given().get("/q/health/live").then().statusCode(503);
        given().get("/q/health/ready").then().statusCode(503);
    }
}
