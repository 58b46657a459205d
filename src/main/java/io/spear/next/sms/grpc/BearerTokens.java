package io.spear.next.sms.grpc;

import io.grpc.Metadata;
import io.quarkus.grpc.auth.GrpcSecurityMechanism;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.spear.next.sms.config.SmsConfig;
import jakarta.inject.Singleton;

/**
 * A gRPC call's bearer JWT ({@code authorization: Bearer <JWT>} metadata), verified by SmallRye
 * JWT as REST's Authorization header is: same issuer, key and roles. A call without one is
 * anonymous (UNAUTHENTICATED where a role is needed). With sms.auth.enabled=false no token is
 * looked at, as over REST.
 */
@Singleton
public class BearerTokens implements GrpcSecurityMechanism {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final boolean enabled;

    BearerTokens(SmsConfig config) {
        this.enabled = config.auth().enabled();
    }

    @Override
    public boolean handles(Metadata metadata) {
        String value = metadata.get(AUTHORIZATION);
        return enabled && value != null && value.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    public AuthenticationRequest createAuthenticationRequest(Metadata metadata) {
        return new TokenAuthenticationRequest(new JsonWebTokenCredential(
                metadata.get(AUTHORIZATION).substring(BEARER.length()).trim()));
    }
}
