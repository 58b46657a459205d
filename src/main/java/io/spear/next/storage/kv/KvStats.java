package io.spear.next.storage.kv;

/**
 * Cheap monitoring figures; each is an estimate RocksDB keeps up to date, so reading them costs no
 * scan. Use {@link KvStore#count()} for an exact (but O(n)) key count.
 *
 * @param estimatedKeys          estimated number of keys
 * @param sstBytes               bytes in SST files on disk (0 for memory)
 * @param memtableBytes          bytes in memtables (for memory: keys and values held)
 * @param blockCacheBytes        bytes held by the block cache (0 for memory)
 * @param pendingCompactionBytes bytes compaction still has to rewrite (0 for memory)
 */
public record KvStats(
        long estimatedKeys, long sstBytes, long memtableBytes, long blockCacheBytes, long pendingCompactionBytes) {}
