package io.spear.next.storage.kv.memory;

import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvStats;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreClosedException;
import io.spear.next.storage.kv.RangeOptions;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The heap backend: a sorted map of UTF-8 encoded keys under a read-write lock, so that batches
 * become visible all at once. Values are copied in and out: callers cannot change stored data.
 */
public final class MemoryKvStore implements KvStore {

    private final NavigableMap<byte[], byte[]> data = new TreeMap<>(Keys.BYTEWISE);
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private long heldBytes;
    private volatile boolean closed;

    @Override
    public KvBackend backend() {
        return KvBackend.MEMORY;
    }

    @Override
    public String location() {
        return "in memory, lost on shutdown";
    }

    @Override
    public Optional<byte[]> get(String key) {
        byte[] encoded = Keys.encode(key);
        return read(() -> Optional.ofNullable(data.get(encoded)).map(byte[]::clone));
    }

    @Override
    public List<Optional<byte[]>> getAll(List<String> keys) {
        byte[][] encoded = Keys.encodeAll(keys, key -> key);
        return read(() -> {
            List<Optional<byte[]>> values = new ArrayList<>(encoded.length);
            for (byte[] key : encoded) {
                values.add(Optional.ofNullable(data.get(key)).map(byte[]::clone));
            }
            return values;
        });
    }

    @Override
    public void put(String key, byte[] value) {
        byte[] encoded = Keys.encode(key);
        byte[] copy = value.clone();
        modify(() -> {
            store(encoded, copy);
            return null;
        });
    }

    @Override
    public boolean delete(String key) {
        byte[] encoded = Keys.encode(key);
        return modify(() -> remove(encoded));
    }

    @Override
    public void write(List<KvMutation> mutations) {
        writeIf(List.of(), mutations);
    }

    @Override
    public boolean writeIf(List<KvCondition> conditions, List<KvMutation> mutations) {
        // Encode and copy before taking the lock: a bad key fails the whole batch, nothing applied.
        byte[][] conditionKeys = Keys.encodeAll(conditions, KvCondition::key);
        byte[][] keys = Keys.encodeAll(mutations, KvMutation::key);
        byte[][] values = new byte[mutations.size()][];
        for (int i = 0; i < mutations.size(); i++) {
            values[i] =
                    mutations.get(i) instanceof KvMutation.Put put ? put.value().clone() : null;
        }
        return modify(() -> {
            for (int i = 0; i < conditionKeys.length; i++) {
                if (!conditions.get(i).holdsFor(data.get(conditionKeys[i]))) {
                    return false;
                }
            }
            for (int i = 0; i < keys.length; i++) {
                if (values[i] == null) {
                    remove(keys[i]);
                } else {
                    store(keys[i], values[i]);
                }
            }
            return true;
        });
    }

    @Override
    public int batchDelete(List<String> keys) {
        byte[][] encoded = keys.stream().map(Keys::encode).toArray(byte[][]::new);
        return modify(() -> {
            int removed = 0;
            for (byte[] key : encoded) {
                if (remove(key)) {
                    removed++;
                }
            }
            return removed;
        });
    }

    @Override
    public KvCursor cursor(RangeOptions options) {
        // The cursor's snapshot: a shallow copy of the range up to its limit (stored values are
        // never mutated in place, only replaced).
        return read(() -> {
            List<Map.Entry<byte[], byte[]>> snapshot = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> entry : slice(options).entrySet()) {
                if (options.limit() > 0 && snapshot.size() == options.limit()) {
                    break;
                }
                snapshot.add(new AbstractMap.SimpleImmutableEntry<>(entry));
            }
            return new SnapshotCursor(snapshot.iterator());
        });
    }

    @Override
    public long count() {
        return read(data::size);
    }

    @Override
    public void clear() {
        modify(() -> {
            data.clear();
            heldBytes = 0;
            return null;
        });
    }

    @Override
    public KvStats stats() {
        return read(() -> new KvStats.Memory(data.size(), heldBytes));
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            data.clear();
            heldBytes = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private NavigableMap<byte[], byte[]> slice(RangeOptions options) {
        NavigableMap<byte[], byte[]> range = data;
        if (options.start() != null && options.end() != null) {
            byte[] start = Keys.encode(options.start());
            byte[] end = Keys.encode(options.end());
            if (Keys.BYTEWISE.compare(start, end) >= 0) {
                return new TreeMap<>(Keys.BYTEWISE);
            }
            range = range.subMap(start, true, end, false);
        } else if (options.start() != null) {
            range = range.tailMap(Keys.encode(options.start()), true);
        } else if (options.end() != null) {
            range = range.headMap(Keys.encode(options.end()), false);
        }
        return options.reverse() ? range.descendingMap() : range;
    }

    private void store(byte[] key, byte[] value) {
        byte[] previous = data.put(key, value);
        heldBytes += previous == null ? key.length + value.length : value.length - previous.length;
    }

    private boolean remove(byte[] key) {
        byte[] previous = data.remove(key);
        if (previous == null) {
            return false;
        }
        heldBytes -= key.length + previous.length;
        return true;
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T modify(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new KvStoreClosedException("the memory KV store");
        }
    }

    /** Iterates a private copy of the range, so the store's lock is not held between calls. */
    private final class SnapshotCursor implements KvCursor {

        private final Iterator<Map.Entry<byte[], byte[]>> entries;
        private Map.Entry<byte[], byte[]> current;
        private boolean closed;

        SnapshotCursor(Iterator<Map.Entry<byte[], byte[]>> entries) {
            this.entries = entries;
        }

        @Override
        public boolean next() {
            if (closed) {
                throw new KvStoreClosedException("this cursor");
            }
            ensureOpen();
            current = entries.hasNext() ? entries.next() : null;
            return current != null;
        }

        @Override
        public String key() {
            return Keys.decode(entry().getKey());
        }

        @Override
        public byte[] value() {
            return entry().getValue().clone();
        }

        private Map.Entry<byte[], byte[]> entry() {
            if (current == null) {
                throw new NoSuchElementException("call next() first, and only while it returns true");
            }
            return current;
        }

        @Override
        public void close() {
            closed = true;
            current = null;
        }
    }
}
