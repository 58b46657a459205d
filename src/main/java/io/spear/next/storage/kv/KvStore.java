package io.spear.next.storage.kv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A blocking, thread-safe key-value store with keys ordered as unsigned UTF-8 bytes.
 *
 * <p>Every backend behaves the same: keys are non-empty strings, values may be empty, batches and
 * {@link #write(List)} are atomic (all or nothing, visible all at once) up to the backend's
 * {@link #limits()}, {@link #count()} is exact,
 * and any call after {@link #close()} throws {@link KvStoreClosedException}. Failures surface as
 * {@link KvException}s whose messages name the path and the operation.
 */
public interface KvStore extends AutoCloseable {

    KvBackend backend();

    /** The data directory, for backends that have one. */
    Optional<Path> path();

    /**
     * Where the data lives, for logs and health: the data directory, the etcd endpoints and
     * namespace, or that it is in memory.
     */
    String location();

    /** The file whose lock this process holds on the data, for backends that take one (RocksDB's LOCK). */
    default Optional<Path> lockFile() {
        return Optional.empty();
    }

    Optional<byte[]> get(String key);

    /**
     * The values of several keys (absent: empty), in the order given, read from one consistent
     * state. Point lookups never step over the older versions of a much-rewritten key, which a
     * range scan over the same keys must.
     */
    default List<Optional<byte[]>> getAll(List<String> keys) {
        List<Optional<byte[]>> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(get(key));
        }
        return values;
    }

    /**
     * As {@link #getAll}, but the state read may lag the newest writes a little, where that is
     * much cheaper (etcd: the member reached answers from its own copy, without a consensus
     * round, which under a write load waits for the writes in flight). For the read before a
     * {@link #writeIfOrRead}: the write's conditions catch a stale read, and its refusal brings
     * the current values.
     */
    default List<Optional<byte[]>> getAllForUpdate(List<String> keys) {
        return getAll(keys);
    }

    void put(String key, byte[] value);

    /** Deletes the key; true if it existed. */
    boolean delete(String key);

    /** Applies puts and deletes atomically, in list order (a later change to a key wins). */
    void write(List<KvMutation> mutations);

    /**
     * Applies the mutations atomically if every condition holds, checked and written with no other
     * writer of those keys in between (compare-and-set); returns false, changing nothing, otherwise.
     */
    boolean writeIf(List<KvCondition> conditions, List<KvMutation> mutations);

    /**
     * As {@link #writeIf}, but a refused write reads {@code readOnRefusal} instead, in the same
     * round trip where the backend can (etcd: the transaction's else branch): empty when written,
     * otherwise the keys' current values, in order (absent: empty), from one consistent state.
     */
    default Optional<List<Optional<byte[]>>> writeIfOrRead(List<KvCondition> conditions, List<KvMutation> mutations,
            List<String> readOnRefusal) {
        return writeIf(conditions, mutations) ? Optional.empty() : Optional.of(getAll(readOnRefusal));
    }

    /**
     * Whether several processes write this store at once (etcd: every replica of a deployment).
     * Reads may then lag the newest writes ({@link #getAllForUpdate}), and during a rolling update
     * writers of two releases run side by side.
     */
    default boolean isShared() {
        return false;
    }

    /** How large one atomic write may be here; {@link KvLimits#NONE} for the embedded backends. */
    default KvLimits limits() {
        return KvLimits.NONE;
    }

    default void batchPut(List<KvPair> pairs) {
        List<KvMutation> mutations = new ArrayList<>(pairs.size());
        for (KvPair pair : pairs) {
            mutations.add(KvMutation.put(pair.key(), pair.value()));
        }
        write(mutations);
    }

    /** Deletes the keys atomically; returns how many distinct keys existed. */
    int batchDelete(List<String> keys);

    /** Opens a cursor over a range; see {@link KvCursor}. */
    KvCursor cursor(RangeOptions options);

    default List<KvPair> range(RangeOptions options) {
        List<KvPair> pairs = new ArrayList<>();
        try (KvCursor cursor = cursor(options)) {
            while (cursor.next()) {
                pairs.add(cursor.pair());
            }
        }
        return pairs;
    }

    default List<String> keysWithPrefix(String prefix) {
        List<String> keys = new ArrayList<>();
        try (KvCursor cursor = cursor(RangeOptions.prefix(prefix))) {
            while (cursor.next()) {
                keys.add(cursor.key());
            }
        }
        return keys;
    }

    /** The exact number of keys (on RocksDB a scan of all keys; use {@link #stats()} to monitor). */
    long count();

    /** Removes every key, atomically. */
    void clear();

    KvStats stats();

    boolean isOpen();

    /**
     * Why writes are failing right now (a full disk, a read-only directory...), or empty while they
     * work. Reads may still succeed. A store that recovers by itself clears this.
     */
    default Optional<String> writeFailure() {
        return Optional.empty();
    }

    /**
     * This store, or the one it decorates, as {@code type}: how a caller reaches backend features
     * such as RocksDB checkpoints through wrappers (the JDBC {@code unwrap} pattern).
     */
    default <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /** Releases the store (and, for RocksDB, its directory lock). Safe to call more than once. */
    @Override
    void close();
}
