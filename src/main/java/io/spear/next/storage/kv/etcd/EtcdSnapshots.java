package io.spear.next.storage.kv.etcd;

import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvSnapshots;
import io.spear.next.storage.kv.KvUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * etcd's copies: a snapshot of the member's whole database (every namespace), streamed through
 * the maintenance API into {@value #FILE}, the file {@code etcdctl snapshot save} writes. etcd ends
 * it with the SHA-256 of what precedes it, which {@link #verify} checks as {@code snapshot restore}
 * does.
 */
final class EtcdSnapshots implements KvSnapshots {

    static final String FILE = "snapshot.db";
    /** A snapshot of a large database takes longer than one request: bounded, but generously. */
    private static final long TIMEOUT_MINUTES = 10;

    private static final int SHA256_BYTES = 32;

    private final EtcdConnection connection;
    private final LongSupplier count;

    EtcdSnapshots(EtcdConnection connection, LongSupplier count) {
        this.connection = connection;
        this.count = count;
    }

    @Override
    public long snapshotInto(Path target) {
        connection.ensureOpen();
        long keys = count.getAsLong();
        Path file = target.resolve(FILE);
        try {
            Files.createDirectories(target);
            try (OutputStream out = Files.newOutputStream(file)) {
                CompletableFuture<Long> written =
                        connection.client.getMaintenanceClient().snapshot(out);
                try {
                    written.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
                } catch (ExecutionException | TimeoutException e) {
                    written.cancel(true);
                    throw new KvUnavailableException(
                            "cannot take a snapshot of etcd at " + connection.settings.describe() + " ("
                                    + (e.getCause() == null ? e : e.getCause()) + ")",
                            e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KvUnavailableException("interrupted while taking a snapshot of etcd", e);
        } catch (IOException e) {
            throw new KvIoException("cannot write the etcd snapshot into " + file + " (" + e + ")", target, e);
        }
        verify(target);
        return keys;
    }

    @Override
    public OptionalLong verify(Path copy) {
        Path file = copy.resolve(FILE);
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            if (size % 512 != SHA256_BYTES) {
                throw new KvIoException(
                        "the etcd snapshot " + file + " has no checksum at its end (" + size
                                + " bytes): it is cut short or not a snapshot",
                        copy,
                        null);
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long left = size - SHA256_BYTES;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new IOException("ended early");
                }
                sha256.update(buffer, 0, read);
                left -= read;
            }
            if (!Arrays.equals(sha256.digest(), in.readNBytes(SHA256_BYTES))) {
                throw new KvIoException(
                        "the etcd snapshot " + file + " does not match its checksum: it is damaged", copy, null);
            }
            return OptionalLong.empty(); // counting would need etcd's own database code
        } catch (IOException e) {
            throw new KvIoException("cannot read the etcd snapshot " + file + " (" + e + ")", copy, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    @Override
    public String restoreHint() {
        return "An etcd snapshot of the whole cluster: restore it with 'etcdctl snapshot restore " + FILE
                + "' into a new data directory for each member (docs/OPERATIONS.md).";
    }
}
