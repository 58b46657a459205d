package io.spear.next.sms.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Documents the problem+json errors on every /api operation in one place, instead of repeating
 * the same annotations on each method.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String REF = "#/components/schemas/Problem";
    private static final Map<String, String> COMMON = Map.of(
            "400",
                    "Malformed input: bad JSON, a wrong type, an invalid field (listed in errors), a bad uuid or page_token",
            "404", "No such node (or report)",
            "413", "The body is over sms.api.max-body-bytes",
            "503",
                    "The store is unavailable (disk full or read-only, or no etcd quorum); "
                            + "retry after Retry-After seconds");

    @Override
    public Operation filterOperation(Operation operation) {
        COMMON.forEach((code, description) -> addProblem(operation, code, description));
        switch (operation.getOperationId() == null ? "" : operation.getOperationId()) {
            case "registerNode" -> {
                addProblem(operation, "409", "A node with this uuid is already registered");
                addProblem(operation, "412", "If-None-Match ruled out the node that is registered under this uuid");
            }
            case "updateNode" -> addProblem(operation, "412", "If-Match names a revision the node has moved past");
            case "watch" ->
                addProblem(
                        operation,
                        "410",
                        "The events after Last-Event-ID / since are no longer kept: list, then watch");
            default -> {}
        }
        // Quarkus documents these for every role-checked route, without a body; ours have one
        if (operation.getResponses() != null) {
            operation.getResponses().removeAPIResponse("401");
            operation.getResponses().removeAPIResponse("403");
        }
        addProblem(
                operation,
                "401",
                "No bearer token, or one that is expired, forged or from another issuer "
                        + "(only with sms.auth.enabled)");
        addProblem(operation, "403", "The token's groups hold no role this route admits (only with sms.auth.enabled)");
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Schema error = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        openAPI.getComponents()
                .addSchema(
                        "Problem",
                        OASFactory.createSchema()
                                .description("RFC 9457 problem details")
                                .addType(Schema.SchemaType.OBJECT)
                                .addProperty(
                                        "type",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.STRING)
                                                .examples(java.util.List.of("urn:spear-sms:problem:not-found")))
                                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                                .addProperty(
                                        "detail",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.STRING)
                                                .examples(
                                                        java.util.List.of(
                                                                "no node with uuid 123e4567-e89b-42d3-a456-426614174000 is registered")))
                                .addProperty(
                                        "instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addProperty(
                                        "errors",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.ARRAY)
                                                .items(error)));
    }

    private static void addProblem(Operation operation, String code, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (operation.getResponses().hasAPIResponse(code)) {
            return;
        }
        operation
                .getResponses()
                .addAPIResponse(
                        code,
                        OASFactory.createAPIResponse()
                                .description(description)
                                .content(OASFactory.createContent()
                                        .addMediaType(
                                                Problem.MEDIA_TYPE,
                                                OASFactory.createMediaType()
                                                        .schema(OASFactory.createSchema()
                                                                .ref(REF)))));
    }
}
