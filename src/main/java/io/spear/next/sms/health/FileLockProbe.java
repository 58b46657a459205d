package io.spear.next.sms.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells whether this process holds the POSIX lock RocksDB takes on its LOCK file, from the
 * kernel's own table (/proc/locks, Linux). Elsewhere the answer is {@link State#UNKNOWN}.
 */
final class FileLockProbe {

    enum State {
        HELD,
        NOT_HELD,
        UNKNOWN
    }

    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private FileLockProbe() {}

    static State check(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return State.NOT_HELD;
        }
        if (!Files.isReadable(PROC_LOCKS)) {
            return State.UNKNOWN;
        }
        try {
            long inode = ((Number) Files.getAttribute(lockFile, "unix:ino")).longValue();
            return holds(Files.readAllLines(PROC_LOCKS), ProcessHandle.current().pid(), inode)
                    ? State.HELD
                    : State.NOT_HELD;
        } catch (IOException | UnsupportedOperationException e) {
            return State.UNKNOWN;
        }
    }

    /**
     * Lines look like {@code 3: POSIX  ADVISORY  WRITE 4711 fd:00:1234567 0 EOF}; waiters have a
     * {@code ->} after the number and do not hold the lock.
     */
    static boolean holds(List<String> procLocks, long pid, long inode) {
        for (String line : procLocks) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 6 || fields[1].equals("->")) {
                continue;
            }
            String[] device = fields[5].split(":");
            if (fields[4].equals(Long.toString(pid)) && device[device.length - 1].equals(Long.toString(inode))) {
                return true;
            }
        }
        return false;
    }
}
