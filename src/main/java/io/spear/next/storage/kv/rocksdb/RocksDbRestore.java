package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvBackups;
import io.spear.next.storage.kv.KvConfigException;
import io.spear.next.storage.kv.KvIoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Restores a RocksDB backup ({@link KvBackups}, taken through {@link RocksDbSnapshots}) into a data
 * directory before the store opens, and marks the directory so a restart does not restore again.
 */
public final class RocksDbRestore {

    /** Written into a data directory restored from a backup, so a restart does not restore again. */
    public static final String RESTORED_MARKER = "RESTORED_FROM";

    private RocksDbRestore() {}

    /**
     * Copies a backup ({@code idOrPath}: an id in {@code dir}, or the path of a backup
     * directory) into {@code target}. A target that already holds data is refused unless
     * {@code overwrite}; one restored from this same backup before is left as it is. Returns false
     * when nothing had to be done.
     */
    public static boolean restore(Path dir, String idOrPath, Path target, boolean overwrite) {
        Path backup = Files.isRegularFile(Path.of(idOrPath).resolve(KvBackups.METADATA))
                ? Path.of(idOrPath)
                : dir.resolve(idOrPath);
        if (!Files.isRegularFile(backup.resolve(KvBackups.METADATA))) {
            throw new KvConfigException(
                    "no backup '" + idOrPath + "' (neither a backup directory nor a backup id in " + dir + ")");
        }
        String id = KvBackups.describe(backup).id();
        try {
            Files.createDirectories(target);
            Path marker = target.resolve(RESTORED_MARKER);
            if (Files.isRegularFile(marker) && Files.readString(marker).trim().equals(id)) {
                return false;
            }
            if (!isEmpty(target)) {
                if (!overwrite) {
                    throw new KvConfigException("refusing to restore backup " + id + " into " + target + ", which "
                            + "already holds data: point the data directory at an empty one, or set "
                            + "kv.restore-overwrite=true (KV_RESTORE_OVERWRITE=true) to replace what it holds");
                }
                try (Stream<Path> old = Files.list(target)) {
                    for (Path entry : old.toList()) {
                        KvBackups.deleteTree(entry);
                    }
                }
            }
            try (Stream<Path> files = Files.list(backup)) {
                for (Path file : files.filter(p -> !p.getFileName().toString().equals(KvBackups.METADATA))
                        .toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            Files.writeString(marker, id + "\n");
            return true;
        } catch (IOException e) {
            throw new KvIoException("cannot restore backup " + id + " into " + target + " (" + e + ")", target, e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
