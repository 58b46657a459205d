package io.spear.next.storage.kv.rocksdb;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Striped locks over keys. Writes that only write (put, batchPut, write) share their stripes, so
 * they run side by side as RocksDB allows; writes that read first and decide (delete and
 * batchDelete, which report what existed, and writeIf) hold their stripes exclusively, so no other
 * writer of those keys comes between their read and their write. Readers never lock. Several
 * stripes are always taken in ascending order, so batches cannot deadlock.
 */
final class KeyLocks {

    /** Releases what was taken. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final ReentrantReadWriteLock[] stripes;

    KeyLocks(int count) {
        if (Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("stripe count must be a power of two: " + count);
        }
        stripes = new ReentrantReadWriteLock[count];
        Arrays.setAll(stripes, i -> new ReentrantReadWriteLock());
    }

    /** For writes that only write: other such writes of the same keys may run at the same time. */
    Held shared(byte[]... keys) {
        return lock(stripesOf(keys), false);
    }

    /** For writes that read and then write: nobody else writes these keys meanwhile. */
    Held exclusive(byte[]... keys) {
        return lock(stripesOf(keys), true);
    }

    /** Every stripe, exclusively: no other writer runs until it is released. */
    Held exclusiveEverything() {
        BitSet all = new BitSet(stripes.length);
        all.set(0, stripes.length);
        return lock(all, true);
    }

    private BitSet stripesOf(byte[][] keys) {
        BitSet wanted = new BitSet(stripes.length);
        for (byte[] key : keys) {
            int h = Arrays.hashCode(key);
            wanted.set((h ^ (h >>> 16)) & (stripes.length - 1));
        }
        return wanted;
    }

    private Held lock(BitSet wanted, boolean exclusive) {
        for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
            side(i, exclusive).lock();
        }
        return () -> {
            for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
                side(i, exclusive).unlock();
            }
        };
    }

    private Lock side(int stripe, boolean exclusive) {
        return exclusive ? stripes[stripe].writeLock() : stripes[stripe].readLock();
    }
}
