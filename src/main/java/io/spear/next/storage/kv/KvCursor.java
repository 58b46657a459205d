package io.spear.next.storage.kv;

/**
 * Walks a key range one pair at a time, without loading the range into memory. A cursor reads a
 * consistent snapshot taken when it was opened. Not thread-safe; always close it
 * (try-with-resources): on RocksDB it pins native memory and files until closed.
 *
 * <pre>{@code
 * try (KvCursor cursor = store.cursor(RangeOptions.prefix("node:"))) {
 *     while (cursor.next()) {
 *         use(cursor.key(), cursor.value());
 *     }
 * }
 * }</pre>
 */
public interface KvCursor extends AutoCloseable {

    /** Moves to the next pair of the range; false when the range (or its limit) is exhausted. */
    boolean next();

    /** The key of the current pair. */
    String key();

    /** The value of the current pair; reading only keys never copies values. */
    byte[] value();

    default KvPair pair() {
        return new KvPair(key(), value());
    }

    @Override
    void close();
}
