package io.spear.next.sms.grpc;

import io.grpc.Metadata;
import io.quarkus.grpc.auth.GrpcSecurityMechanism;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.spear.next.sms.config.SmsConfig;
import io.spear.next.sms.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

/**
 * {@code sms.auth.agents-without-token}: with auth on, a gRPC call that carries no authorization
 * metadata is made by a node agent, with the {@code agent} role alone (register, beat, report).
 * Spear's agents send no token; everything else still needs one, and a token that is sent is
 * checked as always ({@link BearerTokens}).
 */
@Singleton
public class AgentsWithoutToken implements GrpcSecurityMechanism {

    private final boolean enabled;

    AgentsWithoutToken(SmsConfig config) {
        this.enabled = config.auth().enabled() && config.auth().agentsWithoutToken();
    }

    @Override
    public boolean handles(Metadata metadata) {
        return enabled && metadata.get(BearerTokens.AUTHORIZATION) == null;
    }

    @Override
    public AuthenticationRequest createAuthenticationRequest(Metadata metadata) {
        return new AgentRequest();
    }

    /** A call without a token, from a node agent. */
    static final class AgentRequest extends BaseAuthenticationRequest {}

    /** Makes the identity of a call without a token: an agent, nothing more. */
    @ApplicationScoped
    static class AgentIdentity implements IdentityProvider<AgentRequest> {

        private static final SecurityIdentity AGENT = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("node agent without a token"))
                .addRole(Roles.AGENT)
                .build();

        @Override
        public Class<AgentRequest> getRequestType() {
            return AgentRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(AgentRequest request, AuthenticationRequestContext context) {
            return Uni.createFrom().item(AGENT);
        }
    }
}
