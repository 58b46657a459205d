package io.spear.next.sms.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.spear.next.sms.config.SmsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        Optional<String> location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        boolean hasKey =
                config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent() || location.isPresent();
        List<String> missing = new ArrayList<>();
        if (issuer.isEmpty()) {
            missing.add("mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER), the iss that tokens carry");
        }
        if (!hasKey) {
            missing.add("mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION), a PEM or JWK file or "
                    + "URL of the key that signs tokens");
        }
        if (!missing.isEmpty()) {
            stop("sms.auth.enabled=true needs " + String.join(" and ", missing) + " to verify tokens");
        }
        location.filter(AuthStartupCheck::isLocalFile)
                .map(AuthStartupCheck::localPath)
                .ifPresent(file -> {
                    if (!Files.isReadable(file)) {
                        stop("the public key file " + file.toAbsolutePath() + " (mp.jwt.verify.publickey.location, "
                                + "MP_JWT_VERIFY_PUBLICKEY_LOCATION) "
                                + (Files.exists(file) ? "cannot be read" : "does not exist")
                                + ": every authenticated request would fail; point it at the PEM or JWK file of the key that "
                                + "signs tokens");
                    }
                });
        Log.infof("Authentication on: bearer JWTs from issuer %s, roles from the groups claim", issuer.get());
        if (sms.auth().agentsWithoutToken()) {
            Log.warn("sms.auth.agents-without-token is true: a gRPC caller without a token may register, beat and "
                    + "report as a node agent. Let only the agents reach the gRPC port "
                    + "(deployment/kubernetes/networkpolicy.yaml)");
        }
    }

    /** A location SmallRye JWT reads as a file: no scheme, or file:. URLs and classpath: are read later. */
    private static boolean isLocalFile(String location) {
        return !location.contains(":") || location.startsWith("file:");
    }

    private static Path localPath(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    private static void stop(String why) {
        String message = "Cannot start the SMS: " + why;
        Log.error(message);
        throw new ConfigurationException(message);
    }
}
