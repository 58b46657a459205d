package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.RangeOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A RocksDB iterator over [start, end), bounded natively (iterate_lower/upper_bound) so it never
 * walks past the range, reading the implicit snapshot RocksDB takes when the iterator is created.
 * Unguarded: callers hold the store's use guard (for one call, or one whole walk).
 */
final class RangeWalk implements AutoCloseable {

    private final ReadOptions readOptions;
    private final Slice lower;
    private final Slice upper;
    private final RocksIterator iterator;
    private final boolean reverse;
    private final int limit;
    private boolean started;
    private boolean exhausted;
    private int returned;

    RangeWalk(RocksDB db, RangeOptions options) {
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

    /** Moves to the next pair; false at the end of the range or its limit. */
    boolean advance() throws RocksDBException {
        // Moving an invalid RocksDB iterator crashes the JVM: once at the end, stay there.
        if (exhausted || (limit > 0 && returned >= limit)) {
            exhausted = true;
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
        if (!iterator.isValid()) {
            exhausted = true;
            iterator.status(); // the end of the range, or an I/O error that stopped the iterator
            return false;
        }
        returned++;
        return true;
    }

    /** Whether the last {@link #advance} found a pair. */
    boolean positioned() {
        return started && !exhausted;
    }

    byte[] key() {
        return iterator.key();
    }

    byte[] value() {
        return iterator.value();
    }

    @Override
    public void close() {
        iterator.close();
        readOptions.close();
        if (upper != null) {
            upper.close();
        }
        if (lower != null) {
            lower.close();
        }
    }
}
