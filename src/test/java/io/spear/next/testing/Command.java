package io.spear.next.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A tool the tests drive (promtool, redocly, mount, chattr): run to its end, its output and exit code kept. */
public final class Command {

    public record Result(int exit, String output) {}

    private Command() {}

    /** {@code command} in {@code dir} with {@code env} added, {@code stdin} (may be null) as its input. */
    public static Result run(Path dir, Map<String, String> env, String stdin, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    /** Whether {@code command} runs and exits 0; false too when it is not installed. */
    public static boolean succeeds(String... command) throws InterruptedException {
        try {
            return run(Path.of("."), Map.of(), null, List.of(command)).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
