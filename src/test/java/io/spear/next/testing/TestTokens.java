package io.spear.next.testing;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * An RSA key pair generated for this test run, its public key in a PEM file for the service to
 * verify with, and bearer tokens signed by it (or by a stranger's key).
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test/spear";

    private static final KeyPair KEYS = generate();
    private static final KeyPair STRANGER = generate();
    private static final Path PUBLIC_KEY = writePem(KEYS);

    private TestTokens() {}

    /** The PEM file of the public key, for mp.jwt.verify.publickey.location. */
    public static Path publicKeyFile() {
        return PUBLIC_KEY;
    }

    /** A valid token for one hour with these roles in its groups claim. */
    public static String token(String... roles) {
        return Jwt.issuer(ISSUER)
                .subject("test-" + String.join("-", roles))
                .groups(Set.of(roles))
                .expiresAt(Instant.now().plusSeconds(3600))
                .sign(KEYS.getPrivate());
    }

    public static String expired(String role) {
        return Jwt.issuer(ISSUER)
                .subject("late")
                .groups(role)
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign(KEYS.getPrivate());
    }

    public static String fromAnotherIssuer(String role) {
        return Jwt.issuer("https://elsewhere.test")
                .subject("other")
                .groups(role)
                .expiresAt(Instant.now().plusSeconds(3600))
                .sign(KEYS.getPrivate());
    }

    public static String signedByAStranger(String role) {
        return Jwt.issuer(ISSUER)
                .subject("stranger")
                .groups(role)
                .expiresAt(Instant.now().plusSeconds(3600))
                .sign(STRANGER.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePem(KeyPair keys) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createDirectories(Path.of("target", "test-keys")).resolve(UUID.randomUUID() + ".pem");
            Files.writeString(file, pem);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
