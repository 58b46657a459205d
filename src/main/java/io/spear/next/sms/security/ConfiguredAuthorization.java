package io.spear.next.sms.security;

import io.quarkus.security.spi.runtime.AuthorizationController;
import io.spear.next.sms.config.SmsConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;

/**
 * Switches Quarkus' role checks ({@code @RolesAllowed} on the routes, HTTP permissions) on and
 * off with {@code sms.auth.enabled}: Quarkus' documented way to disable authorization, read from
 * configuration instead of fixed at build time.
 */
@Alternative
@Priority(Interceptor.Priority.LIBRARY_AFTER)
@ApplicationScoped
public class ConfiguredAuthorization extends AuthorizationController {

    private final boolean enabled;

    ConfiguredAuthorization(SmsConfig config) {
        this.enabled = config.auth().enabled();
    }

    @Override
    public boolean isAuthorizationEnabled() {
        return enabled;
    }
}
