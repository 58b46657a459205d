package io.spear.next.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes a directory refuse new files for the length of a test: read-only permissions for an
 * ordinary user, the immutable attribute (chattr +i) for root, whom permissions do not stop.
 * The test is skipped, not passed, where neither works.
 */
public final class ReadOnlyDirectory implements AutoCloseable {

    private final Path dir;
    private final Set<PosixFilePermission> original;
    private final boolean immutable;

    private ReadOnlyDirectory(Path dir, Set<PosixFilePermission> original, boolean immutable) {
        this.dir = dir;
        this.original = original;
        this.immutable = immutable;
    }

    public static ReadOnlyDirectory of(Path dir) throws IOException, InterruptedException {
        Set<PosixFilePermission> original = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (refusesNewFiles(dir)) {
            return new ReadOnlyDirectory(dir, original, false);
        }
        boolean immutable = run("chattr", "+i", dir.toString());
        ReadOnlyDirectory readOnly = new ReadOnlyDirectory(dir, original, immutable);
        if (!immutable || !refusesNewFiles(dir)) {
            readOnly.close();
            Prerequisites.missing("cannot make " + dir + " read-only here (neither permissions nor chattr +i work)");
        }
        return readOnly;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (immutable) {
            run("chattr", "-i", dir.toString());
        }
        Files.setPosixFilePermissions(dir, original);
    }

    private static boolean refusesNewFiles(Path dir) {
        Path probe = dir.resolve(".read-only-probe");
        try {
            Files.createFile(probe);
            Files.delete(probe);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
