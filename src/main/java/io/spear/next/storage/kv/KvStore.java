package io.spear.next.storage.kv;

import java.util.List;
import java.util.Optional;

/**
 * A blocking, thread-safe key-value store with keys ordered as unsigned UTF-8 bytes: its
 * {@link KvReads} and {@link KvWrites}, and what describes it (backend, location, stats) and its
 * capabilities ({@link #unwrap}: {@link LocalFiles} for a store in local files, {@link KvHistory}
 * for one that keeps its history and several processes share).
 *
 * <p>Every backend behaves the same: keys are non-empty strings, values may be empty, batches and
 * {@link #write(List)} are atomic (all or nothing, visible all at once) up to the backend's
 * {@link #limits()}, {@link #count()} is exact,
 * and any call after {@link #close()} throws {@link KvStoreClosedException}. Failures surface as
 * {@link KvException}s whose messages name the path and the operation.
 */
public interface KvStore extends KvReads, KvWrites, AutoCloseable {

    KvBackend backend();

    /**
     * Where the data lives, for logs and health: the data directory, the etcd endpoints and
     * namespace, or that it is in memory.
     */
    String location();

    /** A refused write reads the keys back with a second call where the backend has no better way. */
    @Override
    default Optional<List<Optional<byte[]>>> writeIfOrRead(
            List<KvCondition> conditions, List<KvMutation> mutations, List<String> readOnRefusal) {
        return writeIf(conditions, mutations) ? Optional.empty() : Optional.of(getAll(readOnRefusal));
    }

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
