package io.spear.next.sms.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.spear.next.sms.config.SmsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Says at startup how the API is protected: with auth on, a missing issuer or public key stops
 * the boot (every request would otherwise fail with 401); with auth off in production, a warning.
 */
@ApplicationScoped
public class AuthStartupCheck {

    void onStart(@Observes StartupEvent event, SmsConfig sms, Config config) {
        if (!sms.auth().enabled()) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                Log.warn("sms.auth.enabled is false: anyone who can reach this port can register, change and delete "
                        + "nodes. Set SMS_AUTH_ENABLED=true with MP_JWT_VERIFY_ISSUER and "
                        + "MP_JWT_VERIFY_PUBLICKEY_LOCATION (README, Production)");
            }
            return;
        }
        Optional<String> issuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class);
        boolean hasKey =
                config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent()
                        || config.getOptionalValue("mp.jwt.verify.publickey.location", String.class)
                                .isPresent();
        if (issuer.isEmpty() || !hasKey) {
            String message = "Cannot start the SMS: sms.auth.enabled=true needs mp.jwt.verify.issuer "
                    + "(MP_JWT_VERIFY_ISSUER) and mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION, "
                    + "a PEM or JWK file or URL) to verify tokens";
            Log.error(message);
            throw new ConfigurationException(message);
        }
        Log.infof("Authentication on: bearer JWTs from issuer %s, roles from the groups claim", issuer.get());
        if (sms.auth().agentsWithoutToken()) {
            Log.warn("sms.auth.agents-without-token is true: a gRPC caller without a token may register, beat and "
                    + "report as a node agent. Let only the agents reach the gRPC port "
                    + "(deployment/kubernetes/networkpolicy.yaml)");
        }
    }
}
