package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvSnapshots;
import io.spear.next.storage.kv.KvStats;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.LocalFiles;
import io.spear.next.storage.kv.RangeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.rocksdb.Checkpoint;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The embedded RocksDB backend. It owns every native object it creates (through
 * {@link RocksDbHandles}: options, cache, filter, statistics, write options, the database); every
 * per-call native object (iterators, batches, slices) lives in try-with-resources or in a cursor
 * that the store closes if its user did not. RocksDB errors leave this class only as
 * {@link KvException}s naming the path and the operation.
 */
public final class RocksDbKvStore implements KvStore, LocalFiles {

    private final Path path;
    private final RocksDbSettings settings;
    private final Set<RocksDbCursor> openCursors = ConcurrentHashMap.newKeySet();
    private final RocksDbLifecycle database;
    private final RocksDbWrites writes;
    private final RocksDbSnapshots snapshots = new RocksDbSnapshots(this);

    private RocksDbKvStore(Path path, RocksDbSettings settings, RocksDbHandles handles) {
        this.path = path;
        this.settings = settings;
        this.database = new RocksDbLifecycle(path, settings, handles, this::closeCursors);
        this.writes = new RocksDbWrites(database::writeOptions);
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
    public Path directory() {
        return path;
    }

    /** Its {@link KvSnapshots} (checkpoints, for backups) are reached with {@code unwrap}. */
    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type == KvSnapshots.class ? Optional.of(type.cast(snapshots)) : KvStore.super.unwrap(type);
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public Path lockFile() {
        return path.resolve("LOCK");
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
    public void put(String key, byte[] value) {
        byte[] encoded = Keys.encode(key);
        guardedWrite("put", db -> writes.put(db, encoded, value));
    }

    @Override
    public boolean delete(String key) {
        byte[] encoded = Keys.encode(key);
        return guardedWrite("delete", db -> writes.delete(db, encoded));
    }

    @Override
    public void write(List<KvMutation> mutations) {
        writeIf(List.of(), mutations);
    }

    @Override
    public boolean writeIf(List<KvCondition> conditions, List<KvMutation> mutations) {
        byte[][] conditionKeys = Keys.encodeAll(conditions, KvCondition::key);
        byte[][] keys = Keys.encodeAll(mutations, KvMutation::key);
        return guardedWrite(
                conditionKeys.length == 0 ? "batch write" : "conditional write",
                db -> writes.writeIf(db, conditions, conditionKeys, mutations, keys));
    }

    /** As {@link #write} of puts, without building a mutation per pair on the way. */
    @Override
    public void batchPut(List<KvPair> pairs) {
        byte[][] keys = Keys.encodeAll(pairs, KvPair::key);
        guardedWrite("batch write", db -> writes.batchPut(db, keys, pairs));
    }

    @Override
    public int batchDelete(List<String> keys) {
        byte[][] encoded = new LinkedHashSet<>(keys).stream().map(Keys::encode).toArray(byte[][]::new);
        if (encoded.length == 0) {
            return 0; // rocksdbjni's multiGet refuses an empty list
        }
        return guardedWrite("batch delete", db -> writes.batchDelete(db, encoded));
    }

    @Override
    public KvCursor cursor(RangeOptions options) {
        return inCurrent(generation -> {
            RocksDbCursor cursor =
                    new RocksDbCursor(generation.db(), options, generation.guard(), this::failure, openCursors::remove);
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
        guardedWrite("clear", writes::clear);
    }

    @Override
    public KvStats stats() {
        return guarded(
                "stats",
                db -> new KvStats.RocksDb(
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
    void checkpoint(Path target) {
        guarded("checkpoint to " + target, db -> {
            try (Checkpoint checkpoint = Checkpoint.create(db)) {
                checkpoint.createCheckpoint(target.toString());
                return null;
            }
        });
    }

    @Override
    public boolean isOpen() {
        return !database.isClosed();
    }

    @Override
    public Optional<String> writeFailure() {
        return Optional.ofNullable(database.failure());
    }

    /**
     * Flushes the memtables (so the next open replays no WAL), then closes cursors left open and
     * every native object. Idempotent.
     */
    @Override
    public void close() {
        database.close();
    }

    private void closeCursors() {
        for (RocksDbCursor cursor : List.copyOf(openCursors)) {
            cursor.close();
        }
    }

    <T> T guarded(String operation, RocksDbLifecycle.RocksCall<T> call) {
        return database.read(operation, call);
    }

    private <T> T guardedWrite(String operation, RocksDbLifecycle.RocksCall<T> call) {
        return database.write(operation, call);
    }

    <T> T inCurrent(Function<RocksDbLifecycle.Generation, T> use) {
        return database.inCurrent(use);
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

    KvIoException failure(String operation, RocksDBException e) {
        return RocksDbErrors.onOperation(path, operation, e);
    }

    private static void prepareDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KvIoException(
                    "cannot create the RocksDB directory " + dir + " (" + e + "): create it, or "
                            + "point KV_PATH / kv.path at a directory this process can write",
                    dir,
                    e);
        }
        if (!Files.isWritable(dir)) {
            throw new KvIoException(
                    "the RocksDB directory " + dir + " is not writable by this process: fix its "
                            + "permissions, or point KV_PATH / kv.path at a writable directory",
                    dir,
                    null);
        }
        if (holdsSled(dir)) {
            throw new KvIoException(
                    "the directory " + dir + " holds a sled database (its conf and db files), which this "
                            + "service cannot read: point KV_PATH / kv.path (--db-path) at a new directory, and "
                            + "the agents register again within a heartbeat interval",
                    dir,
                    null);
        }
    }

    /**
     * Spear's SMS defaults to sled, whose directory holds a {@code conf} and a {@code db} file; a
     * RocksDB directory has neither (and a {@code CURRENT} file). Opening RocksDB there would mix
     * two databases' files.
     */
    private static boolean holdsSled(Path dir) {
        return Files.isRegularFile(dir.resolve("conf"))
                && Files.isRegularFile(dir.resolve("db"))
                && !Files.exists(dir.resolve("CURRENT"));
    }
}
