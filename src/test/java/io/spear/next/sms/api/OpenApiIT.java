package io.spear.next.sms.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.spear.next.testing.Command;
import io.spear.next.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusIntegrationTest
class OpenApiIT extends OpenApiTest {

    private static final Path LINT = Path.of("src/test/openapi");

    /** The document the packaged jar serves passes redocly's recommended rules, warnings included. */
    @Test
    void servedDocumentPassesRedoclyLint(@TempDir Path work) throws Exception {
        Path redocly = Prerequisites.executable(LINT.resolve("node_modules/.bin/redocly"), "npm ci --prefix " + LINT);
        Path document = work.resolve("openapi.json");
        Files.writeString(
                document,
                given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        Command.Result lint = Command.run(
                Path.of("."),
                Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"),
                null,
                List.of(
                        redocly.toString(),
                        "lint",
                        "--format",
                        "stylish",
                        "--config",
                        LINT.resolve("redocly.yaml").toString(),
                        document.toString()));
        assertEquals(0, lint.exit(), "redocly lint found problems:\n" + lint.output());
    }
}
