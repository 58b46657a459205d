package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStats;
import io.spear.next.storage.kv.KvStoreClosedException;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.RangeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.rocksdb.Checkpoint;
import org.rocksdb.FlushOptions;
import org.rocksdb.Holder;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.TickerType;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded RocksDB backend. It owns every native object it creates (through
 * {@link RocksDbHandles}: options, cache, filter, statistics, write options, the database); every
 * per-call native object (iterators, batches, slices) lives in try-with-resources or in a cursor
 * that the store closes if its user did not. RocksDB errors leave this class only as
 * {@link KvException}s naming the path and the operation.
 */
public final class RocksDbKvStore implements KvStore {

    private static final System.Logger LOG = System.getLogger(RocksDbKvStore.class.getName());
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOCK_STRIPES = 1024;

    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);
    private static final String RECOVERY_PROBE = ".kv-recovery-probe";

    private final Path path;
    private final RocksDbSettings settings;
    private final KeyLocks keyLocks = new KeyLocks(LOCK_STRIPES);
    private final Set<RocksDbCursor> openCursors = ConcurrentHashMap.newKeySet();

    /** One opening of the database: its native handles, and the guard that keeps them alive under calls. */
    private record Generation(RocksDbHandles handles, UseGuard guard) {
        RocksDB db() {
            return handles.db();
        }
    }

    // The database as opened now; replaced when writes failed and the directory takes files again
    // (RocksDB recovers from a full disk by itself, but not from a directory that was read-only or
    // from other I/O errors). Null while a reopen failed: calls then fail until one succeeds.
    private volatile Generation current;
    private volatile boolean closed;
    private volatile String writeFailure; // why the last write failed; null while writes work
    private volatile String openFailure; // why the last reopen failed; null while open
    private volatile long nextRecoveryNanos;

    private RocksDbKvStore(Path path, RocksDbSettings settings, RocksDbHandles handles) {
        this.path = path;
        this.settings = settings;
        this.current = generation(handles);
    }

    private Generation generation(RocksDbHandles handles) {
        return new Generation(handles, new UseGuard("the RocksDB KV store at " + path));
    }

    /**
     * Opens (creating if needed) the database in {@code directory} with the given parameters (see
     * {@link RocksDbParam}); the directory is created when missing and locked for this process.
     */
    public static RocksDbKvStore open(Path directory, Map<String, String> params) {
        RocksDbSettings settings = RocksDbSettings.parse(params);
        Path dir = directory.toAbsolutePath().normalize();
        prepareDirectory(dir);
        try {
            return new RocksDbKvStore(dir, settings, RocksDbHandles.open(dir, settings));
        } catch (RocksDBException e) {
            throw RocksDbErrors.onOpen(dir, e);
        }
    }

    @Override
    public KvBackend backend() {
        return KvBackend.ROCKSDB;
    }

    @Override
    public Optional<Path> path() {
        return Optional.of(path);
    }

    /** The parameters in force, defaults included. */
    public RocksDbSettings settings() {
        return settings;
    }

    @Override
    public Optional<byte[]> get(String key) {
        byte[] encoded = Keys.encode(key);
        return guarded("get", db -> Optional.ofNullable(db.get(encoded)));
    }

    @Override
    public List<Optional<byte[]>> getAll(List<String> keys) {
        byte[][] encoded = Keys.encodeAll(keys, key -> key);
        if (encoded.length == 0) {
            return List.of(); // rocksdbjni's multiGet refuses an empty list
        }
        return guarded("multi get", db -> {
            List<Optional<byte[]>> values = new ArrayList<>(encoded.length);
            for (byte[] value : db.multiGetAsList(Arrays.asList(encoded))) {
                values.add(Optional.ofNullable(value));
            }
            return values;
        });
    }

    @Override
    public boolean exists(String key) {
        byte[] encoded = Keys.encode(key);
        return guarded("exists", db -> existsEncoded(db, encoded));
    }

    @Override
    public void put(String key, byte[] value) {
        byte[] encoded = Keys.encode(key);
        guardedWrite("put", db -> {
            try (KeyLocks.Held held = keyLocks.shared(encoded)) {
                db.put(writeOptions(), encoded, value);
                return null;
            }
        });
    }

    @Override
    public boolean delete(String key) {
        byte[] encoded = Keys.encode(key);
        return guardedWrite("delete", db -> {
            try (KeyLocks.Held held = keyLocks.exclusive(encoded)) {
                if (!existsEncoded(db, encoded)) {
                    return false;
                }
                db.delete(writeOptions(), encoded);
                return true;
            }
        });
    }

    @Override
    public void write(List<KvMutation> mutations) {
        writeIf(List.of(), mutations);
    }

    @Override
    public boolean writeIf(List<KvCondition> conditions, List<KvMutation> mutations) {
        byte[][] conditionKeys = Keys.encodeAll(conditions, KvCondition::key);
        byte[][] keys = Keys.encodeAll(mutations, KvMutation::key);
        if (conditionKeys.length == 0) {
            return guardedWrite("batch write", db -> {
                try (KeyLocks.Held held = keyLocks.shared(keys)) {
                    writeBatch(db, keys, mutations);
                    return true;
                }
            });
        }
        byte[][] locked = new byte[conditionKeys.length + keys.length][];
        System.arraycopy(conditionKeys, 0, locked, 0, conditionKeys.length);
        System.arraycopy(keys, 0, locked, conditionKeys.length, keys.length);
        return guardedWrite("conditional write", db -> {
            try (KeyLocks.Held held = keyLocks.exclusive(locked)) {
                for (int i = 0; i < conditionKeys.length; i++) {
                    if (!conditions.get(i).holdsFor(db.get(conditionKeys[i]))) {
                        return false;
                    }
                }
                writeBatch(db, keys, mutations);
                return true;
            }
        });
    }

    /** As {@link #write} of puts, without building a mutation per pair on the way. */
    @Override
    public void batchPut(List<KvPair> pairs) {
        byte[][] keys = Keys.encodeAll(pairs, KvPair::key);
        guardedWrite("batch write", db -> {
            try (KeyLocks.Held held = keyLocks.shared(keys)) {
                writeBatch(db, keys, i -> pairs.get(i).value());
                return null;
            }
        });
    }

    private void writeBatch(RocksDB db, byte[][] keys, List<KvMutation> mutations) throws RocksDBException {
        writeBatch(db, keys, i -> mutations.get(i) instanceof KvMutation.Put put ? put.value() : null);
    }

    /** One atomic batch: key i gets {@code valueOf(i)}, or is deleted where that is null. */
    private void writeBatch(RocksDB db, byte[][] keys, IntFunction<byte[]> valueOf) throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < keys.length; i++) {
                byte[] value = valueOf.apply(i);
                if (value == null) {
                    batch.delete(keys[i]);
                } else {
                    batch.put(keys[i], value);
                }
            }
            db.write(writeOptions(), batch);
        }
    }

    @Override
    public int batchDelete(List<String> keys) {
        byte[][] encoded = new LinkedHashSet<>(keys).stream().map(Keys::encode).toArray(byte[][]::new);
        if (encoded.length == 0) {
            return 0; // rocksdbjni's multiGet refuses an empty list
        }
        return guardedWrite("batch delete", db -> {
            try (KeyLocks.Held held = keyLocks.exclusive(encoded); WriteBatch batch = new WriteBatch()) {
                int existing = 0;
                for (byte[] value : db.multiGetAsList(Arrays.asList(encoded))) {
                    if (value != null) {
                        existing++;
                    }
                }
                for (byte[] key : encoded) {
                    batch.delete(key);
                }
                db.write(writeOptions(), batch);
                return existing;
            }
        });
    }

    @Override
    public KvCursor cursor(RangeOptions options) {
        return inCurrent(generation -> {
            RocksDbCursor cursor = new RocksDbCursor(generation.db(), options, generation.guard(), this::failure,
                    openCursors::remove);
            openCursors.add(cursor);
            return cursor;
        });
    }

    /** The whole range in one guarded native walk: no per-pair guard, as a cursor needs. */
    @Override
    public List<KvPair> range(RangeOptions options) {
        return guarded("range scan", db -> {
            List<KvPair> pairs = new ArrayList<>();
            try (RangeWalk walk = new RangeWalk(db, options)) {
                while (walk.advance()) {
                    pairs.add(new KvPair(Keys.decode(walk.key()), walk.value()));
                }
            }
            return pairs;
        });
    }

    @Override
    public List<String> keysWithPrefix(String prefix) {
        return guarded("prefix scan", db -> {
            List<String> keys = new ArrayList<>();
            try (RangeWalk walk = new RangeWalk(db, RangeOptions.prefix(prefix))) {
                while (walk.advance()) {
                    keys.add(Keys.decode(walk.key()));
                }
            }
            return keys;
        });
    }

    @Override
    public long count() {
        return guarded("count", db -> {
            // A full scan must not evict the hot blocks from the cache.
            try (ReadOptions scan = new ReadOptions().setFillCache(false)) {
                return countKeys(db, scan);
            }
        });
    }

    @Override
    public void clear() {
        guardedWrite("clear", db -> {
            try (KeyLocks.Held held = keyLocks.exclusiveEverything();
                    RocksIterator iterator = db.newIterator();
                    WriteBatch batch = new WriteBatch()) {
                iterator.seekToFirst();
                if (!iterator.isValid()) {
                    iterator.status();
                    return null;
                }
                byte[] first = iterator.key();
                iterator.seekToLast();
                byte[] last = iterator.key();
                // One range tombstone for [first, last) plus the last key: atomic, and O(1) to write.
                batch.deleteRange(first, last);
                batch.delete(last);
                db.write(writeOptions(), batch);
                return null;
            }
        });
    }

    @Override
    public KvStats stats() {
        return guarded("stats", db -> new KvStats(
                db.getLongProperty("rocksdb.estimate-num-keys"),
                db.getLongProperty("rocksdb.total-sst-files-size"),
                db.getLongProperty("rocksdb.cur-size-all-mem-tables"),
                settings.blockCacheSize() > 0 ? db.getLongProperty("rocksdb.block-cache-usage") : 0,
                db.getLongProperty("rocksdb.estimate-pending-compaction-bytes")));
    }

    /**
     * Writes a consistent point-in-time copy of the database into {@code target} (which must not
     * exist) while writes go on. SST files are hard-linked when {@code target} is on the same file
     * system, so a checkpoint costs little space until the live files are compacted away.
     */
    public void checkpoint(Path target) {
        guarded("checkpoint to " + target, db -> {
            try (Checkpoint checkpoint = Checkpoint.create(db)) {
                checkpoint.createCheckpoint(target.toString());
                return null;
            }
        });
    }

    /** A RocksDB property such as {@code rocksdb.stats} or {@code rocksdb.block-cache-capacity}. */
    public String property(String name) {
        return guarded("property", db -> db.getProperty(name));
    }

    /** A RocksDB statistics ticker, e.g. {@link TickerType#WAL_FILE_SYNCED}. */
    public long ticker(TickerType ticker) {
        return inCurrent(generation -> generation.handles().statistics().getTickerCount(ticker));
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public Optional<String> writeFailure() {
        String opening = openFailure;
        return Optional.ofNullable(opening != null ? opening : writeFailure);
    }

    /**
     * Flushes the memtables (so the next open replays no WAL), then closes cursors left open and
     * every native object. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Generation generation = current;
        if (generation != null) {
            release(generation, true);
        }
    }

    /** Waits for the calls using {@code generation}, then frees its native handles. */
    private boolean release(Generation generation, boolean flush) {
        if (!generation.guard().closeAndDrain(DRAIN_TIMEOUT)) {
            LOG.log(System.Logger.Level.ERROR, "RocksDB calls at {0} still running after {1}; leaving the native "
                    + "handles open rather than freeing them under a running call", path, DRAIN_TIMEOUT);
            return false;
        }
        for (RocksDbCursor cursor : List.copyOf(openCursors)) {
            cursor.close();
        }
        if (flush) {
            try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
                generation.db().flush(options);
            } catch (RocksDBException e) {
                LOG.log(System.Logger.Level.WARNING, "flush before closing " + path + " failed; the WAL keeps the data",
                        e);
            }
        }
        generation.db().cancelAllBackgroundWork(true);
        generation.handles().close();
        return true;
    }

    /**
     * After a failed write, at most once per {@link #RECOVERY_INTERVAL} and only once the directory
     * takes a new file again: closes the database and opens it anew, which replays the WAL (every
     * acknowledged write is in it) and clears RocksDB's background error. Calls arriving meanwhile
     * wait for the new opening.
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
                LOG.log(System.Logger.Level.WARNING, "Reopened RocksDB at {0} after writes failed ({1}); writes "
                        + "work again", path, writeFailure != null ? writeFailure : openFailure);
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

    /** A call that uses the native handles of the current opening. */
    @FunctionalInterface
    private interface RocksCall<T> {
        T call(RocksDB db) throws RocksDBException;
    }

    /** Enters the current opening: refused once the store is closed; waits while it is being reopened. */
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

    /** Runs {@code use} inside the current opening: its handles stay alive until it returns. */
    private <T> T inCurrent(Function<Generation, T> use) {
        Generation generation = enter();
        try {
            return use.apply(generation);
        } finally {
            generation.guard().exit();
        }
    }

    private <T> T guarded(String operation, RocksCall<T> call) {
        return inCurrent(generation -> {
            try {
                return call.call(generation.db());
            } catch (RocksDBException e) {
                throw failure(operation, e);
            }
        });
    }

    /** As {@link #guarded}, and an I/O error is remembered, so that a later write can reopen the database. */
    private <T> T guardedWrite(String operation, RocksCall<T> call) {
        recoverIfWritesFailed();
        try {
            T result = guarded(operation, call);
            if (writeFailure != null) {
                writeFailure = null; // RocksDB recovered by itself (it does from a full disk)
            }
            return result;
        } catch (KvIoException e) {
            if (e.getCause() instanceof RocksDBException rocks && rocks.getStatus() != null
                    && rocks.getStatus().getCode() == Status.Code.IOError) {
                writeFailure = e.getMessage();
            }
            throw e;
        }
    }

    /** The write options of the opening a call is in: a reopen drains calls before it replaces it. */
    private WriteOptions writeOptions() {
        return current.handles().writeOptions();
    }

    /** Reads every key of {@code db} with {@code options}; an I/O error or bad checksum throws. */
    static long countKeys(RocksDB db, ReadOptions options) throws RocksDBException {
        try (RocksIterator iterator = db.newIterator(options)) {
            long count = 0;
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                count++;
            }
            iterator.status();
            return count;
        }
    }

    private static boolean existsEncoded(RocksDB db, byte[] key) throws RocksDBException {
        // The bloom filter answers most misses without reading a block.
        return db.keyMayExist(key, (Holder<byte[]>) null) && db.get(key) != null;
    }

    KvIoException failure(String operation, RocksDBException e) {
        return RocksDbErrors.onOperation(path, operation, e);
    }

    private static void prepareDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KvIoException("cannot create the RocksDB directory " + dir + " (" + e + "): create it, or "
                    + "point KV_PATH / kv.path at a directory this process can write", dir, e);
        }
        if (!Files.isWritable(dir)) {
            throw new KvIoException("the RocksDB directory " + dir + " is not writable by this process: fix its "
                    + "permissions, or point KV_PATH / kv.path at a writable directory", dir, null);
        }
    }
}
