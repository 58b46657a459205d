package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvStoreClosedException;
import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.RangeOptions;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A RocksDB iterator over [start, end), bounded natively (iterate_lower/upper_bound) so it never
 * walks past the range; it reads the implicit snapshot RocksDB takes when the iterator is created.
 */
final class RocksDbCursor implements KvCursor {

    private final ReadOptions readOptions;
    private final Slice lower;
    private final Slice upper;
    private final RocksIterator iterator;
    private final boolean reverse;
    private final int limit;
    private final UseGuard storeGuard;
    private final BiFunction<String, RocksDBException, KvIoException> failure;
    private final Consumer<RocksDbCursor> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean started;
    private boolean positioned;
    private boolean exhausted;
    private int returned;

    RocksDbCursor(RocksDB db, RangeOptions options, UseGuard storeGuard,
            BiFunction<String, RocksDBException, KvIoException> failure, Consumer<RocksDbCursor> onClose) {
        this.storeGuard = storeGuard;
        this.failure = failure;
        this.onClose = onClose;
        this.reverse = options.reverse();
        this.limit = options.limit();
        this.lower = options.start() == null ? null : new Slice(Keys.encode(options.start()));
        this.upper = options.end() == null ? null : new Slice(Keys.encode(options.end()));
        this.readOptions = new ReadOptions();
        if (lower != null) {
            readOptions.setIterateLowerBound(lower);
        }
        if (upper != null) {
            readOptions.setIterateUpperBound(upper);
        }
        this.iterator = db.newIterator(readOptions);
    }

    @Override
    public boolean next() {
        enter();
        try {
            // Moving an invalid RocksDB iterator crashes the JVM: once at the end, stay there.
            if (exhausted || (limit > 0 && returned >= limit)) {
                exhausted = true;
                positioned = false;
                return false;
            }
            if (!started) {
                started = true;
                if (reverse) {
                    iterator.seekToLast();
                } else {
                    iterator.seekToFirst();
                }
            } else if (reverse) {
                iterator.prev();
            } else {
                iterator.next();
            }
            positioned = iterator.isValid();
            if (!positioned) {
                exhausted = true;
                iterator.status(); // end of range, or an I/O error that stopped the iterator
                return false;
            }
            returned++;
            return true;
        } catch (RocksDBException e) {
            throw failure.apply("range scan", e);
        } finally {
            storeGuard.exit();
        }
    }

    @Override
    public String key() {
        enter();
        try {
            requirePositioned();
            return Keys.decode(iterator.key());
        } finally {
            storeGuard.exit();
        }
    }

    @Override
    public byte[] value() {
        enter();
        try {
            requirePositioned();
            return iterator.value();
        } finally {
            storeGuard.exit();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            iterator.close();
            readOptions.close();
            if (upper != null) {
                upper.close();
            }
            if (lower != null) {
                lower.close();
            }
            onClose.accept(this);
        }
    }

    private void enter() {
        storeGuard.enter();
        if (closed.get()) {
            storeGuard.exit();
            throw new KvStoreClosedException("this cursor");
        }
    }

    private void requirePositioned() {
        if (!positioned) {
            throw new NoSuchElementException("call next() first, and only while it returns true");
        }
    }
}
