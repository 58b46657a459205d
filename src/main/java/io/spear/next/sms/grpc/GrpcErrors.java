package io.spear.next.sms.grpc;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.logging.Log;
import io.spear.next.sms.nodes.ErrorKind;
import io.spear.next.sms.nodes.InvalidFieldsException;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Every error the gRPC API returns: the node service's {@link ErrorKind} of an error as a status
 * code, the gRPC counterpart of the REST problem mappers. A client's mistake is never UNKNOWN or
 * INTERNAL; the description names the fields at fault and never carries a stack trace.
 */
final class GrpcErrors {

    /**
     * The longest description sent: it travels in a trailer, and one over the client's header limit
     * (8 KiB in grpc-java) breaks the stream (INTERNAL) instead of telling what was wrong. Messages
     * that quote a client's value can be as long as the value.
     */
    static final int MAX_DESCRIPTION = 1000;

    private GrpcErrors() {}

    static StatusRuntimeException toStatus(Throwable error) {
        StatusRuntimeException status = statusOf(error);
        String description = status.getStatus().getDescription();
        if (description == null || description.length() <= MAX_DESCRIPTION) {
            return status;
        }
        return status.getStatus()
                .withDescription(description.substring(0, MAX_DESCRIPTION - 3) + "...")
                .asRuntimeException(status.getTrailers());
    }

    private static StatusRuntimeException statusOf(Throwable error) {
        if (error instanceof CompletionException wrapped && wrapped.getCause() != null) {
            error = wrapped.getCause();
        }
        if (error instanceof StatusRuntimeException status) {
            return status;
        }
        if (error instanceof StatusException status) {
            return status.getStatus().asRuntimeException(status.getTrailers());
        }
        return switch (ErrorKind.of(error)) {
            case INVALID ->
                Status.INVALID_ARGUMENT.withDescription(invalid(error)).asRuntimeException();
            case NOT_FOUND -> status(Status.NOT_FOUND, error);
            case ALREADY_EXISTS -> status(Status.ALREADY_EXISTS, error);
            case CONFLICT, PRECONDITION_FAILED -> status(Status.FAILED_PRECONDITION, error);
            case GONE -> status(Status.OUT_OF_RANGE, error);
            case TOO_MANY, BUSY -> status(Status.RESOURCE_EXHAUSTED, error);
            case UNAVAILABLE -> {
                Log.errorf("Store unavailable for a gRPC call: %s", error.getMessage());
                yield Status.UNAVAILABLE
                        .withDescription("the registry's storage is unavailable: " + error.getMessage())
                        .asRuntimeException();
            }
            // never the token or why exactly it failed: that is for the server's log
            case UNAUTHENTICATED ->
                Status.UNAUTHENTICATED
                        .withDescription(
                                "send a bearer token (authorization: Bearer "
                                        + "<JWT>); a token sent was not accepted (bad signature, wrong issuer, expired or malformed)")
                        .asRuntimeException();
            case FORBIDDEN ->
                Status.PERMISSION_DENIED
                        .withDescription("the token's groups do not include a role " + "allowed to call this method")
                        .asRuntimeException();
            case UNEXPECTED -> {
                Log.errorf(error, "Unexpected error serving a gRPC call");
                yield Status.INTERNAL
                        .withDescription("an unexpected error; the server log has the details")
                        .asRuntimeException();
            }
        };
    }

    private static StatusRuntimeException status(Status status, Throwable error) {
        return status.withDescription(error.getMessage()).asRuntimeException();
    }

    private static String invalid(Throwable error) {
        InvalidFieldsException fields = InvalidFieldsException.from(error);
        return fields == null
                ? error.getMessage()
                : fields.getMessage() + ": "
                        + fields.errors().stream()
                                .map(field -> field.field() + ": " + field.message())
                                .collect(Collectors.joining("; "));
    }
}
