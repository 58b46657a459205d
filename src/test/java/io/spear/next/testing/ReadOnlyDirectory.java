package io.spear.next.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

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
        boolean immutable = Command.succeeds("chattr", "+i", dir.toString());
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
            Command.succeeds("chattr", "-i", dir.toString());
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
}
