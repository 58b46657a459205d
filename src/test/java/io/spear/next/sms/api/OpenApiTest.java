package io.spear.next.sms.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {

    @Test
    void everyRouteIsDocumentedWithItsProblemResponses() {
        var spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        for (String path : List.of(
                "/api/v1/nodes",
                "/api/v1/nodes/{uuid}",
                "/api/v1/nodes/{uuid}/heartbeat",
                "/api/v1/nodes/{uuid}/resource",
                "/api/v1/nodes/{uuid}/with-resource",
                "/api/v1/resources",
                "/api/v1/cluster/stats",
                "/api/v1/watch")) {
            spec.body("paths", hasKey(path));
        }
        spec.body("paths.'/api/v1/nodes'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/nodes'.post.responses", hasKey("201"))
                .body("paths.'/api/v1/nodes/{uuid}'.put.responses", hasKey("412"))
                .body("paths.'/api/v1/nodes/{uuid}'.get.responses.'404'.content", hasKey("application/problem+json"))
                .body(
                        "paths.'/api/v1/nodes'.get.parameters.name",
                        org.hamcrest.Matchers.hasItems("status", "label", "limit", "page_token"))
                .body("components.schemas.Problem.properties", hasKey("errors"))
                .body("components.schemas.RegisterNodeRequest.examples", notNullValue())
                .body("components.schemas.RegisterNodeRequest.required", equalTo(List.of("ip_address", "port")))
                .body("components.schemas.Node.properties", hasKey("ip_address"))
                // the bodies bind to the node service's commands; their schemas keep the API's names
                .body("components.schemas", not(hasKey("Report")))
                .body("components.schemas.ResourceReport.properties", hasKey("cpu_usage_percent"))
                .body("components.schemas.ResourceReport.properties.gpus.items.'$ref'", endsWith("/GpuReport"))
                .body("components.schemas.HeartbeatRequest.properties.resource.'$ref'", endsWith("/ResourceReport"))
                .body("components.schemas.UpdateNodeRequest.properties.metadata.'$ref'", endsWith("/MetadataChanges"))
                .body("paths.'/api/v1/watch'.get.responses.'200'.content", hasKey("text/event-stream"))
                .body("paths.'/api/v1/watch'.get.responses.'410'.content", hasKey("application/problem+json"))
                .body(
                        "paths.'/api/v1/watch'.get.parameters.name",
                        org.hamcrest.Matchers.hasItems(
                                "status", "label", "node_uuid", "types", "since", "Last-Event-ID"))
                .body("paths.'/api/v1/nodes'.post.responses.'401'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/nodes/{uuid}'.delete.responses.'403'.content", hasKey("application/problem+json"))
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"))
                .body(
                        "paths.'/api/v1/resources'.get.parameters.find { it.name == 'node_uuid' }.schema.type",
                        equalTo("array"))
                .body(
                        "paths.'/api/v1/resources'.get.parameters.find { it.name == 'node_uuids' }.deprecated",
                        equalTo(true))
                .body(
                        "paths.'/api/v1/nodes'.get.parameters.find { it.name == 'limit' }.schema.type",
                        equalTo("integer"))
                .body("paths.'/api/v1/nodes/{uuid}'.get.responses", hasKey("304"))
                .body("paths.'/api/v1/nodes'.post.responses", hasKey("412"))
                .body("paths.'/api/v1/nodes/{uuid}/heartbeat'.post.requestBody.required", equalTo(false))
                .body(
                        "paths.collect { it.value.collect { op -> op.value.operationId } }.flatten().findAll { it == null }",
                        org.hamcrest.Matchers.empty())
                .body("info.title", equalTo("Spear-Next SMS API"));
    }
}
