package io.spear.next.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spear.next.testing.Command;
import io.spear.next.testing.Prerequisites;
import io.spear.next.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README's shell examples marked {@value ShellExamples#RUN}, run in README order as a user runs them
 * against the packaged service: the memory-backed instance the migration starts from on "8080", a
 * second instance's ports and data where the README puts them on 8081, 50052 and /var/lib/spear.
 * Every curl of a block must get a 2xx (a 4xx or 5xx fails it) and the block must exit 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShellExamplesIT {

    /** Runs before each block: errors end it, curl fails on HTTP errors, a server it starts is stopped. */
    private static final String PRELUDE = """
            set -euo pipefail
            curl() { case " $* " in *" -f "*|*" -sf "*) command curl "$@" ;; *) command curl --fail-with-body "$@" ;; esac; }
            trap 'exit 143' TERM
            trap 'kill $(jobs -p) 2>/dev/null || true; wait' EXIT
            """;

    @TempDir
    static Path dir;

    private ServiceProcess sms;
    private final Map<String, String> placeholders = new LinkedHashMap<>();

    @BeforeAll
    void startTheServiceTheExamplesTalkTo() throws Exception {
        Prerequisites.command("curl", "apt-get install curl");
        Prerequisites.command("jq", "apt-get install jq");
        sms = ServiceProcess.start(dir, Map.of("KV_BACKEND", "memory")).awaitReady(Duration.ofSeconds(60));
        Path jar = Path.of(System.getProperty("sms.app.jar", "target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath();
        placeholders.put("localhost:8080", "localhost:" + sms.port());
        placeholders.put("8081", Integer.toString(ServiceProcess.freePort()));
        placeholders.put("50051", Integer.toString(sms.grpcPort()));
        placeholders.put("50052", Integer.toString(ServiceProcess.freePort()));
        placeholders.put("/var/lib/spear/", Files.createDirectories(dir.resolve("var")) + "/");
        placeholders.put("target/quarkus-app/quarkus-run.jar", jar.toString());
    }

    @AfterAll
    void stop() throws Exception {
        if (sms != null) {
            sms.close();
        }
    }

    static List<Markdown.Block> examples() {
        return ShellExamples.run();
    }

    @ParameterizedTest(name = "README.md:{0}")
    @MethodSource("examples")
    void runsAsWritten(Markdown.Block example) throws Exception {
        String script = example.text();
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            script = script.replace(placeholder.getKey(), placeholder.getValue());
        }
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_GRPC_SERVER_HOST", "127.0.0.1");
        Command.Result result = Command.run(
                Files.createDirectories(dir.resolve("work")),
                env,
                null,
                List.of("timeout", "120", "bash", "-c", PRELUDE + script));
        assertEquals(
                0,
                result.exit(),
                example.where(ShellExamples.README) + " as run:\n" + script + "\nprinted:\n" + result.output());
    }
}
