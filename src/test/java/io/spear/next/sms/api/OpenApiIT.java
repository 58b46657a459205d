package io.spear.next.sms.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.spear.next.testing.Prerequisites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusIntegrationTest
class OpenApiIT extends OpenApiTest {

    private static final Path LINT = Path.of("src/test/openapi");

    /** The document the packaged jar serves passes redocly's recommended rules, warnings included. */
    @Test
    void servedDocumentPassesRedoclyLint(@TempDir Path work) throws Exception {
        Path redocly = Prerequisites.executable(LINT.resolve("node_modules/.bin/redocly"),
                "npm ci --prefix " + LINT);
        Path document = work.resolve("openapi.json");
        Files.writeString(document, given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        ProcessBuilder lint = new ProcessBuilder(redocly.toString(), "lint", "--format", "stylish",
                "--config", LINT.resolve("redocly.yaml").toString(), document.toString())
                .redirectErrorStream(true);
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process = lint.start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), "redocly lint found problems:\n" + report);
    }
}
