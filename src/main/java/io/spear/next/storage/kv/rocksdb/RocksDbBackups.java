package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvConfigException;
import io.spear.next.storage.kv.KvIoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Online backups of a RocksDB store: each is a checkpoint in {@code dir/<id>}, counted and checked
 * by opening it read-only before it is listed, with a {@code backup.properties} file describing
 * it. Older backups beyond {@code keep} are deleted. A backup directory is a complete RocksDB
 * database: {@link #restore} copies one into an empty data directory.
 */
public final class RocksDbBackups {

    /** One backup: its id (sortable by time), when it was taken, its size on disk and its keys. */
    public record BackupInfo(String id, Instant createdAt, long sizeBytes, long keyCount) {
    }

    public static final String METADATA = "backup.properties";
    /** Written into a data directory restored from a backup, so a restart does not restore again. */
    public static final String RESTORED_MARKER = "RESTORED_FROM";

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final int keep;

    public RocksDbBackups(Path dir, int keep) {
        if (keep < 1) {
            throw new KvConfigException("the number of backups to keep must be at least 1, got " + keep);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.keep = keep;
    }

    public Path dir() {
        return dir;
    }

    /** Takes a backup of the running store, then deletes the oldest beyond {@code keep}. */
    public synchronized BackupInfo create(RocksDbKvStore store) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as recorded
        String id = ID.format(now);
        Path partial = dir.resolve(id + ".partial");
        Path finalDir = dir.resolve(id);
        try {
            Files.createDirectories(dir);
            if (Files.exists(finalDir)) {
                throw new FileAlreadyExistsException(finalDir.toString(), null, "a backup with this id exists");
            }
            deleteTree(partial);
            store.checkpoint(partial);
            long keys = countKeys(partial, false);
            BackupInfo info = new BackupInfo(id, now, sizeOf(partial), keys);
            writeMetadata(partial, info);
            Files.move(partial, finalDir, StandardCopyOption.ATOMIC_MOVE);
            purge();
            return info;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new KvIoException("cannot write a backup into " + dir + " (" + e + "): check that it is writable "
                    + "and has space", dir, e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** Every complete backup, oldest first. */
    public List<BackupInfo> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<BackupInfo> backups = new ArrayList<>();
            for (Path entry : entries.filter(p -> Files.isRegularFile(p.resolve(METADATA))).toList()) {
                backups.add(readMetadata(entry));
            }
            backups.sort(Comparator.comparing(BackupInfo::id));
            return backups;
        } catch (IOException e) {
            throw new KvIoException("cannot list the backups in " + dir + " (" + e + ")", dir, e);
        }
    }

    public Optional<BackupInfo> find(String id) {
        return list().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /**
     * Opens the backup read-only and reads every key with checksums on; fails with a
     * {@link KvIoException} when a file is damaged or the key count differs from the recorded one.
     */
    public BackupInfo verify(String id) {
        BackupInfo info = find(id).orElseThrow(() -> new KvConfigException("no backup " + id + " in " + dir));
        long keys = countKeys(dir.resolve(id), true);
        if (keys != info.keyCount()) {
            throw new KvIoException("backup " + id + " holds " + keys + " keys, not the " + info.keyCount()
                    + " it was taken with", dir.resolve(id), null);
        }
        return info;
    }

    /**
     * Copies a backup ({@code idOrPath}: an id in this directory, or the path of a backup
     * directory) into {@code target}. A target that already holds data is refused unless
     * {@code overwrite}; one restored from this same backup before is left as it is. Returns false
     * when nothing had to be done.
     */
    public boolean restore(String idOrPath, Path target, boolean overwrite) {
        Path backup = Files.isRegularFile(Path.of(idOrPath).resolve(METADATA)) ? Path.of(idOrPath) : dir.resolve(idOrPath);
        if (!Files.isRegularFile(backup.resolve(METADATA))) {
            throw new KvConfigException("no backup '" + idOrPath + "' (neither a backup directory nor a backup id in "
                    + dir + ")");
        }
        String id = readMetadata(backup).id();
        try {
            Files.createDirectories(target);
            Path marker = target.resolve(RESTORED_MARKER);
            if (Files.isRegularFile(marker) && Files.readString(marker).trim().equals(id)) {
                return false;
            }
            if (!isEmpty(target)) {
                if (!overwrite) {
                    throw new KvConfigException("refusing to restore backup " + id + " into " + target + ", which "
                            + "already holds data: point the data directory at an empty one, or allow overwriting it");
                }
                try (Stream<Path> old = Files.list(target)) {
                    for (Path entry : old.toList()) {
                        deleteTree(entry);
                    }
                }
            }
            try (Stream<Path> files = Files.list(backup)) {
                for (Path file : files.filter(p -> !p.getFileName().toString().equals(METADATA)).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            Files.writeString(marker, id + "\n");
            return true;
        } catch (IOException e) {
            throw new KvIoException("cannot restore backup " + id + " into " + target + " (" + e + ")", target, e);
        }
    }

    private void purge() throws IOException {
        List<BackupInfo> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(dir.resolve(all.get(i).id()));
        }
    }

    private static long countKeys(Path db, boolean verifyChecksums) {
        RocksDB.loadLibrary();
        try (Options options = new Options();
                RocksDB readOnly = RocksDB.openReadOnly(options, db.toString());
                ReadOptions read = new ReadOptions().setVerifyChecksums(verifyChecksums).setFillCache(false)) {
            return RocksDbKvStore.countKeys(readOnly, read);
        } catch (RocksDBException e) {
            throw new KvIoException("cannot read the backup in " + db + " (" + e.getMessage() + ")", db, e);
        }
    }

    private static void writeMetadata(Path backup, BackupInfo info) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("id", info.id());
        properties.setProperty("created_at", Long.toString(info.createdAt().toEpochMilli()));
        properties.setProperty("size_bytes", Long.toString(info.sizeBytes()));
        properties.setProperty("key_count", Long.toString(info.keyCount()));
        try (OutputStream out = Files.newOutputStream(backup.resolve(METADATA))) {
            properties.store(out, "Spear-Next SMS backup (a RocksDB checkpoint)");
        }
    }

    private static BackupInfo readMetadata(Path backup) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(backup.resolve(METADATA))) {
            properties.load(in);
            return new BackupInfo(properties.getProperty("id"),
                    Instant.ofEpochMilli(Long.parseLong(properties.getProperty("created_at"))),
                    Long.parseLong(properties.getProperty("size_bytes")),
                    Long.parseLong(properties.getProperty("key_count")));
        } catch (IOException | RuntimeException e) {
            throw new KvIoException("unreadable backup description " + backup.resolve(METADATA) + " (" + e + ")",
                    backup, e instanceof IOException ? e : null);
        }
    }

    private static long sizeOf(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void deleteQuietly(Path tree) {
        try {
            deleteTree(tree);
        } catch (IOException ignored) {
            // a partial backup left behind is ignored by list() and replaced by the next one
        }
    }
}
