package io.spear.next.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus' promtool (Debian's {@code prometheus} package), run on files or on a scrape. */
public final class Promtool {

    public record Result(int exit, String output) {
    }

    private Promtool() {
    }

    /** {@code promtool <args>} in {@code dir}, with {@code stdin} (may be null) as its input. */
    public static Result run(Path dir, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Prerequisites.command("promtool", "apt-get install prometheus").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
