package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvStoreClosedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WriteOptions;

/**
 * The database's current opening and its life: calls enter it and keep its native handles alive
 * until they return; a write that fails with an I/O error marks it failing; once the directory
 * takes files again the database is closed and opened anew, which replays the WAL (every
 * acknowledged write is in it) and clears RocksDB's background error, while calls wait for the new
 * opening; {@link #close} ends it for good.
 *
 * <p>States: open; failing (a write failed; reads go on; a recovery is tried at most once per
 * {@link #RECOVERY_INTERVAL}); reopening (calls wait); unopened (the last reopen failed: calls fail
 * with its reason until one succeeds); closed. RocksDB recovers from a full disk by itself, but not
 * from a directory that was read-only or from other I/O errors: that is what the reopen is for.
 */
final class RocksDbLifecycle {

    private static final System.Logger LOG = System.getLogger(RocksDbLifecycle.class.getName());
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);
    private static final String RECOVERY_PROBE = ".kv-recovery-probe";

    /** One opening of the database: its native handles, and the guard that keeps them alive under calls. */
    record Generation(RocksDbHandles handles, UseGuard guard) {
        RocksDB db() {
            return handles.db();
        }
    }

    /** A call that uses the native handles of the current opening. */
    @FunctionalInterface
    interface RocksCall<T> {
        T call(RocksDB db) throws RocksDBException;
    }

    /** What to do before the handles of an opening are freed (close the cursors left open on it). */
    private final Runnable beforeRelease;

    private final Path path;
    private final RocksDbSettings settings;
    // Null while a reopen failed: calls then fail until one succeeds.
    private volatile Generation current;
    private volatile boolean closed;
    private volatile String writeFailure; // why the last write failed; null while writes work
    private volatile String openFailure; // why the last reopen failed; null while open
    private volatile long nextRecoveryNanos;

    RocksDbLifecycle(Path path, RocksDbSettings settings, RocksDbHandles handles, Runnable beforeRelease) {
        this.path = path;
        this.settings = settings;
        this.beforeRelease = beforeRelease;
        this.current = generation(handles);
    }

    private Generation generation(RocksDbHandles handles) {
        return new Generation(handles, new UseGuard("the RocksDB KV store at " + path));
    }

    boolean isClosed() {
        return closed;
    }

    /** Why writes fail now (a failed reopen first), or null while they work. */
    String failure() {
        String opening = openFailure;
        return opening != null ? opening : writeFailure;
    }

    /** Runs {@code use} inside the current opening: its handles stay alive until it returns. */
    <T> T inCurrent(Function<Generation, T> use) {
        Generation generation = enter();
        try {
            return use.apply(generation);
        } finally {
            generation.guard().exit();
        }
    }

    /** Runs a read (or any call that does not change the data) in the current opening. */
    <T> T read(String operation, RocksCall<T> call) {
        return inCurrent(generation -> {
            try {
                return call.call(generation.db());
            } catch (RocksDBException e) {
                throw RocksDbErrors.onOperation(path, operation, e);
            }
        });
    }

    /** As {@link #read}, after a recovery if one is due; an I/O error marks the opening failing. */
    <T> T write(String operation, RocksCall<T> call) {
        recoverIfWritesFailed();
        try {
            T result = read(operation, call);
            if (writeFailure != null) {
                writeFailure = null; // RocksDB recovered by itself (it does from a full disk)
            }
            return result;
        } catch (KvIoException e) {
            if (e.getCause() instanceof RocksDBException rocks
                    && rocks.getStatus() != null
                    && rocks.getStatus().getCode() == Status.Code.IOError) {
                writeFailure = e.getMessage();
            }
            throw e;
        }
    }

    /** The write options of the opening a call is in: a reopen drains calls before it replaces it. */
    WriteOptions writeOptions() {
        return current.handles().writeOptions();
    }

    /** Flushes the memtables (so the next open replays no WAL) and frees every native object. Idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Generation generation = current;
        if (generation != null) {
            release(generation, true);
        }
    }

    /** Enters the current opening: refused once closed; waits while it is being reopened. */
    private Generation enter() {
        while (true) {
            if (closed) {
                throw new KvStoreClosedException("the RocksDB KV store at " + path);
            }
            Generation generation = current;
            if (generation == null) {
                recoverIfWritesFailed();
                generation = current;
                if (generation == null) {
                    throw new KvIoException(openFailure, path, null);
                }
            }
            try {
                generation.guard().enter();
                return generation;
            } catch (KvStoreClosedException e) {
                if (closed) {
                    throw e;
                }
                if (generation == current) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // a reopen is under way
                }
            }
        }
    }

    /** Waits for the calls using {@code generation}, then frees its native handles. */
    private boolean release(Generation generation, boolean flush) {
        if (!generation.guard().closeAndDrain(DRAIN_TIMEOUT)) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "RocksDB calls at {0} still running after {1}; leaving the native "
                            + "handles open rather than freeing them under a running call",
                    path,
                    DRAIN_TIMEOUT);
            return false;
        }
        beforeRelease.run();
        if (flush) {
            try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
                generation.db().flush(options);
            } catch (RocksDBException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "flush before closing " + path + " failed; the WAL keeps the data",
                        e);
            }
        }
        generation.db().cancelAllBackgroundWork(true);
        generation.handles().close();
        return true;
    }

    /**
     * After a failed write, at most once per {@link #RECOVERY_INTERVAL} and only once the directory
     * takes a new file again: closes the database and opens it anew. Calls arriving meanwhile wait
     * for the new opening.
     */
    private void recoverIfWritesFailed() {
        if ((writeFailure == null && current != null) || System.nanoTime() < nextRecoveryNanos) {
            return;
        }
        synchronized (this) {
            if (closed || (writeFailure == null && current != null) || System.nanoTime() < nextRecoveryNanos) {
                return;
            }
            nextRecoveryNanos = System.nanoTime() + RECOVERY_INTERVAL.toNanos();
            if (!directoryTakesNewFiles()) {
                return; // still read-only or full: keep serving reads from the open database
            }
            Generation old = current;
            if (old != null && !release(old, false)) {
                // a call has hung for the whole drain timeout: its handles cannot be freed, nor the
                // database opened again beside them, until the process restarts
                current = null;
                openFailure = "a RocksDB call at " + path + " has not returned for " + DRAIN_TIMEOUT
                        + "; restart the process";
                return;
            }
            try {
                current = generation(RocksDbHandles.open(path, settings));
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Reopened RocksDB at {0} after writes failed ({1}); writes " + "work again",
                        path,
                        writeFailure != null ? writeFailure : openFailure);
                writeFailure = null;
                openFailure = null;
            } catch (RocksDBException e) {
                current = null;
                openFailure = RocksDbErrors.onOpen(path, e).getMessage();
                LOG.log(System.Logger.Level.ERROR, "Cannot reopen RocksDB at {0}: {1}", path, openFailure);
            }
        }
    }

    private boolean directoryTakesNewFiles() {
        Path probe = path.resolve(RECOVERY_PROBE);
        try {
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
