package io.spear.next.sms;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.testing.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar with auth switched on from the environment, tokens minted as the README shows. */
class AuthenticationIT {

    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final String ISSUER = "https://sms.example.test";

    @TempDir
    Path work;

    @Test
    void tokensFromTheReadmesScriptOpenExactlyTheirRoutes() throws Exception {
        Path keys = work.resolve("keys");
        String agent = mint(keys, "agent");
        String reader = mint(keys, "reader");
        try (ServiceProcess sms = ServiceProcess.start(
                        work,
                        Map.of(
                                "KV_PATH",
                                work.resolve("data").toString(),
                                "SMS_AUTH_ENABLED",
                                "true",
                                "MP_JWT_VERIFY_ISSUER",
                                ISSUER,
                                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                                keys.resolve("public.pem").toString(),
                                "QUARKUS_HTTP_AUTH_PERMISSION_SCRAPERS_POLICY",
                                "authenticated"))
                .awaitReady(BOOT)) {
            String body = "{\"ip_address\": \"10.0.0.1\", \"port\": 7000}";
            given().port(sms.port())
                    .contentType("application/json")
                    .body(body)
                    .post("/api/v1/nodes")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json");
            given().port(sms.port())
                    .auth()
                    .oauth2(reader)
                    .contentType("application/json")
                    .body(body)
                    .post("/api/v1/nodes")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            String uuid = given().port(sms.port())
                    .auth()
                    .oauth2(agent)
                    .contentType("application/json")
                    .body(body)
                    .post("/api/v1/nodes")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("uuid");
            given().port(sms.port())
                    .auth()
                    .oauth2(reader)
                    .get("/api/v1/nodes/" + uuid)
                    .then()
                    .statusCode(200);
            given().port(sms.port()).get("/q/health/ready").then().statusCode(200);
            // metrics closed by configuration: any valid token, no anonymous scraper
            given().port(sms.port()).get("/q/metrics").then().statusCode(401);
            given().port(sms.port())
                    .auth()
                    .oauth2(reader)
                    .get("/q/metrics")
                    .then()
                    .statusCode(200);
            assertTrue(sms.output().contains("Authentication on: bearer JWTs from issuer " + ISSUER), sms.output());
            assertTrue(!sms.output().contains(agent.substring(agent.lastIndexOf('.') + 1)), "no token in the log");
        }
    }

    /** Starts the service with auth on and {@code env}; asserts the boot ends with exit code 1, and returns its error lines. */
    private String refusedBoot(Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("KV_PATH", work.resolve("data").toString());
        all.put("SMS_AUTH_ENABLED", "true");
        try (ServiceProcess sms = ServiceProcess.start(work, all)) {
            assertEquals(1, sms.awaitExit(BOOT), sms.output());
            return String.join("\n", sms.errorLines());
        }
    }

    @Test
    void authOnWithoutAKeyStopsTheBootSayingWhatIsMissing() throws Exception {
        String errors = refusedBoot(Map.of());
        assertTrue(errors.contains("sms.auth.enabled=true needs mp.jwt.verify.issuer"), errors);
        assertTrue(errors.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), errors);
    }

    @Test
    void authOnWithAnIssuerAndNoKeyNamesTheKeyAlone() throws Exception {
        String errors = refusedBoot(Map.of("MP_JWT_VERIFY_ISSUER", ISSUER));
        assertTrue(errors.contains("sms.auth.enabled=true needs mp.jwt.verify.publickey.location"), errors);
        assertTrue(!errors.contains("needs mp.jwt.verify.issuer"), "the issuer is set: " + errors);
    }

    @Test
    void aPublicKeyFileThatDoesNotExistStopsTheBootNamingIt() throws Exception {
        Path nowhere = work.resolve("keys/no-such-key.pem");
        String errors = refusedBoot(
                Map.of("MP_JWT_VERIFY_ISSUER", ISSUER, "MP_JWT_VERIFY_PUBLICKEY_LOCATION", nowhere.toString()));
        assertTrue(
                errors.contains("the public key file " + nowhere + " (mp.jwt.verify.publickey.location, "
                        + "MP_JWT_VERIFY_PUBLICKEY_LOCATION) does not exist"),
                errors);
    }

    @Test
    void theProductionProfileWarnsWhenAuthIsOff() throws Exception {
        try (ServiceProcess sms = ServiceProcess.start(
                        work, Map.of("KV_PATH", work.resolve("data").toString()))
                .awaitReady(BOOT)) {
            assertTrue(
                    sms.output()
                            .lines()
                            .anyMatch(line -> line.contains(" WARN ") && line.contains("sms.auth.enabled is false")),
                    sms.output());
        }
    }

    private static String mint(Path keys, String role) throws Exception {
        Process mint = new ProcessBuilder("bash", "deployment/auth/mint-token.sh", keys.toString(), ISSUER, role)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(0, mint.waitFor(), "mint-token.sh failed");
        return token;
    }
}
