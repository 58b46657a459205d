package io.spear.next.storage.kv.rocksdb;

import org.rocksdb.TickerType;

/** What tests read of a running RocksDB store that the service itself never needs. */
public final class RocksDbProbe {

    private RocksDbProbe() {}

    /** A RocksDB property such as {@code rocksdb.block-cache-capacity}. */
    public static String property(RocksDbKvStore store, String name) {
        return store.guarded("property", db -> db.getProperty(name));
    }

    /** A RocksDB statistics ticker, e.g. {@link TickerType#WAL_FILE_SYNCED}. */
    public static long ticker(RocksDbKvStore store, TickerType ticker) {
        return store.inCurrent(generation -> generation.handles().statistics().getTickerCount(ticker));
    }
}
