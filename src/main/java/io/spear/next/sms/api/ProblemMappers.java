package io.spear.next.sms.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.RegistryException;
import io.spear.next.sms.admin.BackupsUnsupportedException;
import io.spear.next.sms.admin.StoreNotEmptyException;
import io.spear.next.sms.nodes.ErrorKind;
import io.spear.next.sms.nodes.FieldError;
import io.spear.next.sms.nodes.InvalidFieldsException;
import io.spear.next.sms.nodes.PreconditionFailedException;
import io.spear.next.sms.nodes.TooManyItemsException;
import io.spear.next.sms.watch.WatchGoneException;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.transfer.KvImportException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error the API returns, in one table: exception type to HTTP status, as problem+json. No
 * stack trace or internal class name reaches a client; unexpected errors are logged here.
 */
public class ProblemMappers {

    /**
     * The node service's errors (and those of the registry, the store, the watch and admin it
     * passes on): their {@link ErrorKind} decides the status.
     */
    @ServerExceptionMapper({
        RegistryException.class,
        KvException.class,
        InvalidFieldsException.class,
        ConstraintViolationException.class,
        PreconditionFailedException.class,
        TooManyItemsException.class,
        WatchGoneException.class,
        StoreNotEmptyException.class,
        BackupsUnsupportedException.class
    })
    RestResponse<Problem> service(RuntimeException e, HttpServerRequest request) {
        ErrorKind kind = ErrorKind.of(e);
        return switch (kind) {
            case INVALID -> invalid(e, request);
            case NOT_FOUND -> problem(404, e.getMessage(), request, null);
            case ALREADY_EXISTS, CONFLICT -> problem(409, e.getMessage(), request, null);
            case PRECONDITION_FAILED -> problem(412, e.getMessage(), request, null);
            case GONE -> problem(410, e.getMessage(), request, null);
            case TOO_MANY -> problem(400, e.getMessage(), request, null);
            case BUSY ->
                problemBuilder(503, e.getMessage(), request, null)
                        .header("Retry-After", "1")
                        .build();
            case UNAVAILABLE -> {
                Log.errorf("Store unavailable for %s %s: %s", request.method(), request.path(), e.getMessage());
                yield problemBuilder(503, "the registry's storage is unavailable: " + e.getMessage(), request, null)
                        .header("Retry-After", "5")
                        .build();
            }
            case UNAUTHENTICATED, FORBIDDEN, UNEXPECTED -> unexpected(e, request);
        };
    }

    /** A request with fields at fault: each named, as on the wire. */
    private static RestResponse<Problem> invalid(RuntimeException e, HttpServerRequest request) {
        if (e instanceof InvalidFieldException field) {
            return problem(
                    400,
                    "invalid " + field.field(),
                    request,
                    List.of(new FieldError(
                            field.field(),
                            e.getMessage().substring(field.field().length() + 2))));
        }
        InvalidFieldsException fields = InvalidFieldsException.from(e);
        return problem(400, fields.getMessage(), request, fields.errors());
    }

    @ServerExceptionMapper
    RestResponse<Problem> unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        String field = jsonPath(e);
        return problem(400, "unknown field " + field, request, List.of(new FieldError(field, "is not a known field")));
    }

    // Named one by one: Quarkus has its own mappers for some of these and picks the closest type.
    @ServerExceptionMapper({InvalidFormatException.class, MismatchedInputException.class, JsonMappingException.class})
    RestResponse<Problem> wrongJsonType(JsonMappingException e, HttpServerRequest request) {
        String field = jsonPath(e);
        String expected = e instanceof JsonStrictness.LoneSurrogateException
                ? "well-formed Unicode (a lone surrogate escape is not a character)"
                : e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                        ? jsonType(mismatch.getTargetType())
                        : "another value";
        if (field.isEmpty()) {
            return problem(400, "the body must be a JSON object", request, null);
        }
        return problem(
                400, "invalid value for " + field, request, List.of(new FieldError(field, "must be " + expected)));
    }

    @ServerExceptionMapper
    RestResponse<Problem> notUtf8(StrictUtf8Bodies.NotUtf8Exception e, HttpServerRequest request) {
        return problem(400, e.getMessage(), request, null);
    }

    @ServerExceptionMapper
    RestResponse<Problem> malformedJson(JsonParseException e, HttpServerRequest request) {
        return problem(
                400,
                "malformed JSON: " + e.getOriginalMessage() + " at line "
                        + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr(),
                request,
                null);
    }

    @ServerExceptionMapper
    RestResponse<Problem> otherJson(JsonProcessingException e, HttpServerRequest request) {
        return problem(400, "malformed JSON: " + e.getOriginalMessage(), request, null);
    }

    @ServerExceptionMapper
    RestResponse<Problem> http(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "no such route: " + request.method() + " " + request.path();
            case 405 -> request.method() + " is not allowed on " + request.path();
            case 415 -> "send the body as " + RequestBodyFilter.bodyType(request);
            case 406 -> "this route answers application/json";
            default ->
                Response.Status.fromStatusCode(status) == null
                        ? "request refused"
                        : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
        if (e.getCause() instanceof JsonProcessingException json) {
            return otherJson(json, request);
        }
        return problem(status, detail, request, null);
    }

    @ServerExceptionMapper
    RestResponse<Problem> badImport(KvImportException e, HttpServerRequest request) {
        return problem(400, "import stopped at " + e.getMessage(), request, null);
    }

    // With quarkus.http.auth.proactive=false a missing or bad token surfaces here, not in Vert.x,
    // so that it too is answered in problem+json. The detail never echoes the token.
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    RestResponse<Problem> unauthenticated(RuntimeException e, HttpServerRequest request) {
        String detail = request.getHeader("Authorization") == null
                ? "send a bearer token: Authorization: Bearer <JWT>"
                : "the bearer token was not accepted (bad signature, wrong issuer, expired or malformed)";
        return problemBuilder(401, detail, request, null)
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    RestResponse<Problem> forbidden(ForbiddenException e, HttpServerRequest request) {
        return problem(
                403,
                "the token's groups do not include a role allowed to " + request.method() + " " + request.path(),
                request,
                null);
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    RestResponse<Problem> unexpected(Throwable e, HttpServerRequest request) {
        Log.errorf(e, "Unexpected error serving %s %s", request.method(), request.path());
        return problem(500, "an unexpected error; the server log has the details", request, null);
    }

    static RestResponse<Problem> problem(
            int status, String detail, HttpServerRequest request, List<FieldError> errors) {
        return problemBuilder(status, detail, request, errors).build();
    }

    private static RestResponse.ResponseBuilder<Problem> problemBuilder(
            int status, String detail, HttpServerRequest request, List<FieldError> errors) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String slug = title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        Problem problem = new Problem(
                "urn:spear-sms:problem:" + slug,
                title,
                status,
                detail,
                request == null ? null : request.path(),
                errors);
        return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(status), problem)
                .type(Problem.MEDIA_TYPE);
    }

    /** The JSON path of a binding error: resource.gpus[0].index. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String jsonType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of "
                    + String.join(
                            ", ",
                            java.util.Arrays.stream(type.getEnumConstants())
                                    .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                                    .toList());
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        return "a " + type.getSimpleName();
    }
}
