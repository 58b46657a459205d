package io.spear.next.storage.kv;

/**
 * Cheap monitoring figures, named for what they are on each backend; each is an estimate the
 * backend keeps up to date, so reading them costs no scan. Use {@link KvStore#count()} for an exact
 * (but O(n)) key count.
 */
public sealed interface KvStats {

    /** Estimated number of keys. */
    long estimatedKeys();

    /** Bytes the data takes where the backend keeps it: SST files, etcd's database, or the heap. */
    long dataBytes();

    /**
     * @param sstBytes               bytes in SST files on disk
     * @param memtableBytes          bytes in memtables (written, not yet flushed to an SST file)
     * @param blockCacheBytes        bytes held by the block cache (0 without one)
     * @param pendingCompactionBytes bytes compaction still has to rewrite
     */
    record RocksDb(
            long estimatedKeys, long sstBytes, long memtableBytes, long blockCacheBytes, long pendingCompactionBytes)
            implements KvStats {
        @Override
        public long dataBytes() {
            return sstBytes;
        }
    }

    /**
     * @param dbSizeBytes the size of the member's database file (etcd's {@code dbSize}: freed pages
     *                    count until a defragmentation)
     */
    record Etcd(long estimatedKeys, long dbSizeBytes) implements KvStats {
        @Override
        public long dataBytes() {
            return dbSizeBytes;
        }
    }

    /** @param heldBytes the keys and values held on the heap */
    record Memory(long estimatedKeys, long heldBytes) implements KvStats {
        @Override
        public long dataBytes() {
            return heldBytes;
        }
    }
}
