package io.spear.next.storage.kv;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Online backups of any store that offers {@link KvSnapshots}: each is a directory {@code dir/<id>}
 * holding the backend's copy and a {@code backup.properties} describing it, moved into place only
 * once complete. Older backups beyond {@code keep} are deleted.
 */
public final class KvBackups {

    public static final String METADATA = "backup.properties";

    private static final DateTimeFormatter ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final int keep;

    public KvBackups(Path dir, int keep) {
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
    public synchronized BackupInfo create(KvSnapshots store) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as recorded
        String id = ID.format(now);
        Path partial = dir.resolve(id + ".partial");
        Path finalDir = dir.resolve(id);
        try {
            Files.createDirectories(dir);
            if (Files.exists(finalDir)) {
                throw new FileAlreadyExistsException(finalDir.toString(), null, "a backup with this id exists");
            }
            deleteTree(partial);
            long keys = store.snapshotInto(partial);
            BackupInfo info = new BackupInfo(id, now, sizeOf(partial), keys);
            writeMetadata(partial, info, store.restoreHint());
            Files.move(partial, finalDir, StandardCopyOption.ATOMIC_MOVE);
            purge();
            return info;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new KvIoException(
                    "cannot write a backup into " + dir + " (" + e + "): check that it is writable " + "and has space",
                    dir,
                    e);
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
            for (Path entry : entries.filter(p -> Files.isRegularFile(p.resolve(METADATA)))
                    .toList()) {
                backups.add(describe(entry));
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
     * Reads the backup back with checksums on; fails with a {@link KvIoException} when a file is
     * damaged or, where the copy can be counted, its key count differs from the recorded one.
     */
    public BackupInfo verify(String id, KvSnapshots store) {
        BackupInfo info = find(id).orElseThrow(() -> new KvConfigException("no backup " + id + " in " + dir));
        OptionalLong keys = store.verify(dir.resolve(id));
        if (keys.isPresent() && keys.getAsLong() != info.keyCount()) {
            throw new KvIoException(
                    "backup " + id + " holds " + keys.getAsLong() + " keys, not the " + info.keyCount()
                            + " it was taken with",
                    dir.resolve(id),
                    null);
        }
        return info;
    }

    /** What {@code backup.properties} in a backup directory says of it. */
    public static BackupInfo describe(Path backup) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(backup.resolve(METADATA))) {
            properties.load(in);
            return new BackupInfo(
                    properties.getProperty("id"),
                    Instant.ofEpochMilli(Long.parseLong(properties.getProperty("created_at"))),
                    Long.parseLong(properties.getProperty("size_bytes")),
                    Long.parseLong(properties.getProperty("key_count")));
        } catch (IOException | RuntimeException e) {
            throw new KvIoException(
                    "unreadable backup description " + backup.resolve(METADATA) + " (" + e + ")",
                    backup,
                    e instanceof IOException ? e : null);
        }
    }

    private void purge() throws IOException {
        List<BackupInfo> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(dir.resolve(all.get(i).id()));
        }
    }

    private static void writeMetadata(Path backup, BackupInfo info, String restoreHint) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("id", info.id());
        properties.setProperty("created_at", Long.toString(info.createdAt().toEpochMilli()));
        properties.setProperty("size_bytes", Long.toString(info.sizeBytes()));
        properties.setProperty("key_count", Long.toString(info.keyCount()));
        try (OutputStream out = Files.newOutputStream(backup.resolve(METADATA))) {
            properties.store(out, "Spear-Next SMS backup. " + restoreHint);
        }
    }

    private static long sizeOf(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    /** Deletes a file or a directory with everything in it; nothing when it does not exist. */
    public static void deleteTree(Path tree) throws IOException {
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
