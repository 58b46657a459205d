package io.spear.next.sms.grpc;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.spear.next.registry.InvalidFieldException;
import io.spear.next.registry.NodeAlreadyExistsException;
import io.spear.next.registry.NodeNotFoundException;
import io.spear.next.registry.RevisionMismatchException;
import io.spear.next.sms.api.InvalidFieldsException;
import io.spear.next.sms.api.Problem;
import io.spear.next.sms.watch.WatchGoneException;
import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvStoreClosedException;
import io.spear.next.storage.kv.KvUnavailableException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error the gRPC API returns, in one table: exception type to status code, the gRPC
 * counterpart of the REST problem mappers. A client's mistake is never UNKNOWN or INTERNAL; the
 * description names the fields at fault and never carries a stack trace.
 */
final class GrpcErrors {

    private static final Map<Class<?>, Status.Code> CODES = Map.of(
            NodeNotFoundException.class, Status.Code.NOT_FOUND,
            NodeAlreadyExistsException.class, Status.Code.ALREADY_EXISTS,
            RevisionMismatchException.class, Status.Code.FAILED_PRECONDITION,
            WatchGoneException.class, Status.Code.OUT_OF_RANGE,
            KvIoException.class, Status.Code.UNAVAILABLE,
            KvStoreClosedException.class, Status.Code.UNAVAILABLE,
            KvUnavailableException.class, Status.Code.UNAVAILABLE,
            UnauthorizedException.class, Status.Code.UNAUTHENTICATED,
            AuthenticationFailedException.class, Status.Code.UNAUTHENTICATED,
            SecurityException.class, Status.Code.PERMISSION_DENIED); // ForbiddenException among them

    private GrpcErrors() {
    }

    static StatusRuntimeException toStatus(Throwable error) {
        if (error instanceof StatusRuntimeException status) {
            return status;
        }
        if (error instanceof StatusException status) {
            return status.getStatus().asRuntimeException(status.getTrailers());
        }
        if (error instanceof InvalidFieldsException fields) {
            return Status.INVALID_ARGUMENT.withDescription(fields.getMessage() + ": " + fields.errors().stream()
                    .map(GrpcErrors::describe).collect(Collectors.joining("; "))).asRuntimeException();
        }
        if (error instanceof InvalidFieldException field) {
            return Status.INVALID_ARGUMENT.withDescription(field.getMessage()).asRuntimeException();
        }
        // AuthenticationException is an interface (of failures to authenticate): no superclass walk finds it
        Status.Code code = error instanceof AuthenticationException ? Status.Code.UNAUTHENTICATED : null;
        for (Class<?> type = error.getClass(); code == null && type != null; type = type.getSuperclass()) {
            code = CODES.get(type); // the closest type in the table, as the REST mappers pick
        }
        if (code == null) {
            Log.errorf(error, "Unexpected error serving a gRPC call");
            return Status.INTERNAL.withDescription("an unexpected error; the server log has the details")
                    .asRuntimeException();
        }
        if (code == Status.Code.UNAUTHENTICATED) {
            // never the token or why exactly it failed: that is for the server's log
            return Status.UNAUTHENTICATED.withDescription("send a bearer token (authorization: Bearer <JWT>); a token "
                    + "sent was not accepted (bad signature, wrong issuer, expired or malformed)").asRuntimeException();
        }
        if (code == Status.Code.PERMISSION_DENIED) {
            return Status.PERMISSION_DENIED.withDescription("the token's groups do not include a role allowed to call "
                    + "this method").asRuntimeException();
        }
        if (code == Status.Code.UNAVAILABLE) {
            Log.errorf("Store unavailable for a gRPC call: %s", error.getMessage());
            return Status.UNAVAILABLE.withDescription("the registry's storage is unavailable: " + error.getMessage())
                    .asRuntimeException();
        }
        return Status.fromCode(code).withDescription(error.getMessage()).asRuntimeException();
    }

    private static String describe(Problem.FieldError error) {
        return error.field() + ": " + error.message();
    }
}
