package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvIoException;
import io.spear.next.storage.kv.KvStoreClosedException;
import io.spear.next.storage.kv.RangeOptions;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The public cursor: a {@link RangeWalk} whose every call holds the store's use guard, so that a
 * cursor used after (or while) the store closes fails cleanly instead of touching freed memory.
 */
final class RocksDbCursor implements KvCursor {

    private final RangeWalk walk;
    private final UseGuard storeGuard;
    private final BiFunction<String, RocksDBException, KvIoException> failure;
    private final Consumer<RocksDbCursor> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private byte[] key; // read with the step: every walk reads every key, one guarded call fewer each

    RocksDbCursor(
            RocksDB db,
            RangeOptions options,
            UseGuard storeGuard,
            BiFunction<String, RocksDBException, KvIoException> failure,
            Consumer<RocksDbCursor> onClose) {
        this.walk = new RangeWalk(db, options);
        this.storeGuard = storeGuard;
        this.failure = failure;
        this.onClose = onClose;
    }

    @Override
    public boolean next() {
        enter();
        try {
            boolean found = walk.advance();
            key = found ? walk.key() : null;
            return found;
        } catch (RocksDBException e) {
            throw failure.apply("range scan", e);
        } finally {
            storeGuard.exit();
        }
    }

    @Override
    public String key() {
        if (key == null) {
            throw new NoSuchElementException("call next() first, and only while it returns true");
        }
        return Keys.decode(key);
    }

    @Override
    public byte[] value() {
        enter();
        try {
            requirePositioned();
            return walk.value();
        } finally {
            storeGuard.exit();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            walk.close();
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
        if (!walk.positioned()) {
            throw new NoSuchElementException("call next() first, and only while it returns true");
        }
    }
}
