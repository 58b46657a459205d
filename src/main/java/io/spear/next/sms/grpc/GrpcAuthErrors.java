package io.spear.next.sms.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.auth.AuthExceptionHandler;
import io.quarkus.grpc.auth.AuthExceptionHandlerProvider;
import io.quarkus.security.AuthenticationException;
import jakarta.inject.Singleton;

/**
 * Failed authentication and role checks answered from {@link GrpcErrors}' table: a call without a
 * valid token is UNAUTHENTICATED, one whose token lacks the role PERMISSION_DENIED. (Quarkus'
 * default answers both without a token PERMISSION_DENIED, and without a description.)
 */
@Singleton
public class GrpcAuthErrors implements AuthExceptionHandlerProvider {

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1;
    }

    @Override
    public <ReqT, RespT> AuthExceptionHandler<ReqT, RespT> createHandler(
            ServerCall.Listener<ReqT> listener, ServerCall<ReqT, RespT> serverCall, Metadata metadata) {
        return new AuthExceptionHandler<>(listener, serverCall, metadata) {
            @Override
            protected void handleException(Throwable error, ServerCall<ReqT, RespT> call, Metadata headers) {
                if (!handlesException(error)) {
                    super.handleException(error, call, headers);
                    return;
                }
                StatusRuntimeException status = GrpcErrors.toStatus(error);
                call.close(status.getStatus(), new Metadata());
            }
        };
    }

    @Override
    public StatusException transformToStatusException(Throwable error) {
        return new StatusException(GrpcErrors.toStatus(error).getStatus());
    }

    @Override
    public boolean handlesException(Throwable error) {
        return error instanceof AuthenticationException || error instanceof SecurityException;
    }
}
