package io.spear.next.storage.kv.rocksdb;

import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvPair;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.rocksdb.Holder;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The store's writes on an open database, under striped key locks: plain writes share the locks
 * of their keys, while a conditional write, a delete that reports whether the key existed and a
 * clear hold them exclusively, so no other writer of those keys comes between the check and the
 * write. Each write is one atomic {@link WriteBatch}.
 */
final class RocksDbWrites {

    private static final int LOCK_STRIPES = 1024;

    private final KeyLocks keyLocks = new KeyLocks(LOCK_STRIPES);
    private final Supplier<WriteOptions> writeOptions;

    RocksDbWrites(Supplier<WriteOptions> writeOptions) {
        this.writeOptions = writeOptions;
    }

    Void put(RocksDB db, byte[] key, byte[] value) throws RocksDBException {
        try (KeyLocks.Held held = keyLocks.shared(key)) {
            db.put(writeOptions.get(), key, value);
            return null;
        }
    }

    boolean delete(RocksDB db, byte[] key) throws RocksDBException {
        try (KeyLocks.Held held = keyLocks.exclusive(key)) {
            // the bloom filter answers most misses without reading a block
            if (!db.keyMayExist(key, (Holder<byte[]>) null) || db.get(key) == null) {
                return false;
            }
            db.delete(writeOptions.get(), key);
            return true;
        }
    }

    boolean writeIf(
            RocksDB db, List<KvCondition> conditions, byte[][] conditionKeys, List<KvMutation> mutations, byte[][] keys)
            throws RocksDBException {
        if (conditionKeys.length == 0) {
            try (KeyLocks.Held held = keyLocks.shared(keys)) {
                writeBatch(db, keys, i -> mutations.get(i) instanceof KvMutation.Put put ? put.value() : null);
                return true;
            }
        }
        byte[][] locked = new byte[conditionKeys.length + keys.length][];
        System.arraycopy(conditionKeys, 0, locked, 0, conditionKeys.length);
        System.arraycopy(keys, 0, locked, conditionKeys.length, keys.length);
        try (KeyLocks.Held held = keyLocks.exclusive(locked)) {
            List<byte[]> current = conditionKeys.length == 1
                    ? Collections.singletonList(db.get(conditionKeys[0]))
                    : db.multiGetAsList(Arrays.asList(conditionKeys));
            for (int i = 0; i < conditionKeys.length; i++) {
                if (!conditions.get(i).holdsFor(current.get(i))) {
                    return false;
                }
            }
            writeBatch(db, keys, i -> mutations.get(i) instanceof KvMutation.Put put ? put.value() : null);
            return true;
        }
    }

    Void batchPut(RocksDB db, byte[][] keys, List<KvPair> pairs) throws RocksDBException {
        try (KeyLocks.Held held = keyLocks.shared(keys)) {
            writeBatch(db, keys, i -> pairs.get(i).value());
            return null;
        }
    }

    /** Deletes distinct keys; returns how many existed. */
    int batchDelete(RocksDB db, byte[][] keys) throws RocksDBException {
        try (KeyLocks.Held held = keyLocks.exclusive(keys);
                WriteBatch batch = new WriteBatch()) {
            int existing = 0;
            for (byte[] value : db.multiGetAsList(Arrays.asList(keys))) {
                if (value != null) {
                    existing++;
                }
            }
            for (byte[] key : keys) {
                batch.delete(key);
            }
            db.write(writeOptions.get(), batch);
            return existing;
        }
    }

    Void clear(RocksDB db) throws RocksDBException {
        try (KeyLocks.Held held = keyLocks.exclusiveEverything();
                RocksIterator iterator = db.newIterator();
                WriteBatch batch = new WriteBatch()) {
            iterator.seekToFirst();
            if (!iterator.isValid()) {
                iterator.status();
                return null;
            }
            byte[] first = iterator.key();
            iterator.seekToLast();
            byte[] last = iterator.key();
            // One range tombstone for [first, last) plus the last key: atomic, and O(1) to write.
            batch.deleteRange(first, last);
            batch.delete(last);
            db.write(writeOptions.get(), batch);
            return null;
        }
    }

    /** One atomic batch: key i gets {@code valueOf(i)}, or is deleted where that is null. */
    private void writeBatch(RocksDB db, byte[][] keys, IntFunction<byte[]> valueOf) throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < keys.length; i++) {
                byte[] value = valueOf.apply(i);
                if (value == null) {
                    batch.delete(keys[i]);
                } else {
                    batch.put(keys[i], value);
                }
            }
            db.write(writeOptions.get(), batch);
        }
    }
}
