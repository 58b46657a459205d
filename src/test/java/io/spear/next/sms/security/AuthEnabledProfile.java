package io.spear.next.sms.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.spear.next.testing.TestTokens;
import java.util.Map;

/** sms.auth.enabled with this run's test key, and the log, at DEBUG for JWT, in a file the test can read. */
public class AuthEnabledProfile implements QuarkusTestProfile {

    static final String LOG_FILE = "target/auth-test.log";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sms.auth.enabled", "true",
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toString(),
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE,
                // an operator turning on debugging: tokens must still stay out of the log
                "quarkus.log.category.\"io.quarkus.smallrye.jwt\".level", "DEBUG",
                "quarkus.log.category.\"io.smallrye.jwt\".level", "DEBUG",
                "quarkus.log.category.\"org.jose4j\".level", "DEBUG");
    }
}
