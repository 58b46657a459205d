package io.spear.next.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a tool, root, a tmpfs). Where it is missing, the test is
 * skipped on a developer's machine but fails under {@code CI=true}: a green CI run means every
 * such test really ran ({@code .ci/run} installs the tools).
 */
public final class Prerequisites {

    private Prerequisites() {}

    /** Stops the test: skipped, or failed under CI=true. */
    public static void missing(String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(what + " (CI=true: a missing prerequisite fails the test instead of skipping it)");
        }
        Assumptions.abort(what);
    }

    /** A command on the PATH, with the way to install it. */
    public static Path command(String name, String install) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        missing("needs " + name + " on the PATH (" + install + ")");
        return null;
    }

    /** An executable at {@code path}, with the way to install it. */
    public static Path executable(Path path, String install) {
        if (!Files.isExecutable(path)) {
            missing("needs " + path + " (" + install + ")");
        }
        return path;
    }
}
