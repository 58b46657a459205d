package io.spear.next.sms.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminResourceTest {

    @Test
    void aBackupIsTakenListedAndVerified() {
        NodesResourceTest.register("backup"); // something to back up
        String id = given().post("/api/v1/admin/backups")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/admin/backups/"))
                .body("key_count", greaterThan(0))
                .body("size_bytes", greaterThan(0))
                .body("created_at", greaterThan(0))
                .extract()
                .path("id");
        given().get("/api/v1/admin/backups").then().statusCode(200).body("backups.id", hasItem(id));
        given().post("/api/v1/admin/backups/" + id + "/verify")
                .then()
                .statusCode(200)
                .body("verified", equalTo(true))
                .body("problem", nullValue())
                .body("backup.id", equalTo(id));
        NodesResourceTest.assertProblem(
                given().post("/api/v1/admin/backups/19990101T000000.000Z/verify")
                        .then(),
                404);
    }

    @Test
    void theExportIsNdjsonOfEveryPair() {
        String uuid = NodesResourceTest.register("export");
        String export = given().get("/api/v1/admin/export")
                .then()
                .statusCode(200)
                .contentType(AdminResource.NDJSON)
                .extract()
                .asString();
        assertTrue(export.contains("{\"key\":\"node:" + uuid + "\",\"value\":\""), "the node is exported");
        assertTrue(export.endsWith("\n"));
        assertTrue(export.lines().allMatch(line -> line.startsWith("{\"key\":\"")), "one pair per line");
    }

    @Test
    void importingIntoARegistryWithNodesIs409() {
        NodesResourceTest.register("import");
        NodesResourceTest.assertProblem(
                given().contentType(AdminResource.NDJSON)
                        .body("{\"key\":\"x\",\"value\":\"AA==\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .post("/api/v1/admin/import")
                        .then(),
                409);
        // JSON is not what the import takes: the answer says what is
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/admin/import")
                .then()
                .statusCode(415)
                .contentType(NodesResourceTest.PROBLEM)
                .body("detail", org.hamcrest.Matchers.startsWith("send the body as application/x-ndjson"));
        given().contentType(ContentType.TEXT)
                .body("x")
                .post("/api/v1/nodes")
                .then()
                .statusCode(415)
                .body("detail", org.hamcrest.Matchers.equalTo("send the body as application/json"));
    }

    @Test
    void adminRoutesAreDocumented() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/api/v1/admin/export'.get.responses.'200'.content",
                        org.hamcrest.Matchers.hasKey(AdminResource.NDJSON))
                .body("paths.'/api/v1/admin/backups'.post.summary", endsWith("backup"));
    }
}
