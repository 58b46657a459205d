package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStats;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.Keys;
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
import java.util.function.IntFunction;
import org.rocksdb.Checkpoint;
import org.rocksdb.Holder;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
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

    private static final int LOCK_STRIPES = 1024;

    private final Path path;
    private final RocksDbSettings settings;
    private final KeyLocks keyLocks = new KeyLocks(LOCK_STRIPES);
    private final Set<RocksDbCursor> openCursors = ConcurrentHashMap.newKeySet();
    private final RocksDbOpening opening;

    private RocksDbKvStore(Path path, RocksDbSettings settings, RocksDbHandles handles) {
        this.path = path;
        this.settings = settings;
        this.opening = new RocksDbOpening(path, settings, handles, this::closeCursors);
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

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public Optional<Path> lockFile() {
        return Optional.of(path.resolve("LOCK"));
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
                List<byte[]> current = conditionKeys.length == 1 ? java.util.Collections.singletonList(
                        db.get(conditionKeys[0])) : db.multiGetAsList(Arrays.asList(conditionKeys));
                for (int i = 0; i < conditionKeys.length; i++) {
                    if (!conditions.get(i).holdsFor(current.get(i))) {
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
        return !opening.isClosed();
    }

    @Override
    public Optional<String> writeFailure() {
        return Optional.ofNullable(opening.failure());
    }

    /**
     * Flushes the memtables (so the next open replays no WAL), then closes cursors left open and
     * every native object. Idempotent.
     */
    @Override
    public void close() {
        opening.close();
    }

    private void closeCursors() {
        for (RocksDbCursor cursor : List.copyOf(openCursors)) {
            cursor.close();
        }
    }

    private <T> T guarded(String operation, RocksDbOpening.RocksCall<T> call) {
        return opening.read(operation, call);
    }

    private <T> T guardedWrite(String operation, RocksDbOpening.RocksCall<T> call) {
        return opening.write(operation, call);
    }

    private <T> T inCurrent(Function<RocksDbOpening.Generation, T> use) {
        return opening.inCurrent(use);
    }

    private WriteOptions writeOptions() {
        return opening.writeOptions();
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
