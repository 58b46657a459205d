package io.spear.next.storage.kv.rocksdb;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks that serialize writers of the same key, so that delete() and batchDelete() can
 * report exactly which keys existed. Readers never take them. Several stripes are always taken in
 * ascending order, so batches cannot deadlock.
 */
final class KeyLocks {

    /** Releases what {@link #lock} or {@link #lockAll} took. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final ReentrantLock[] stripes;

    KeyLocks(int count) {
        if (Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("stripe count must be a power of two: " + count);
        }
        stripes = new ReentrantLock[count];
        Arrays.setAll(stripes, i -> new ReentrantLock());
    }

    Held lock(byte[] key) {
        ReentrantLock stripe = stripes[index(key)];
        stripe.lock();
        return stripe::unlock;
    }

    Held lockAll(byte[][] keys) {
        BitSet wanted = new BitSet(stripes.length);
        for (byte[] key : keys) {
            wanted.set(index(key));
        }
        return lockStripes(wanted);
    }

    /** Every stripe: no other writer runs until it is released. */
    Held lockEverything() {
        BitSet all = new BitSet(stripes.length);
        all.set(0, stripes.length);
        return lockStripes(all);
    }

    private Held lockStripes(BitSet wanted) {
        for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
            stripes[i].lock();
        }
        return () -> {
            for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
                stripes[i].unlock();
            }
        };
    }

    private int index(byte[] key) {
        int h = Arrays.hashCode(key);
        return (h ^ (h >>> 16)) & (stripes.length - 1);
    }
}
