package io.spear.next.storage.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reading side of a {@link KvStore}: point reads, multi-gets and ordered walks, for the code
 * that only reads (listings, exports). Keys are ordered as unsigned UTF-8 bytes.
 */
public interface KvReads {

    Optional<byte[]> get(String key);

    /**
     * The values of several keys (absent: empty), in the order given, read from one consistent
     * state. Point lookups never step over the older versions of a much-rewritten key, which a
     * range scan over the same keys must.
     */
    default List<Optional<byte[]>> getAll(List<String> keys) {
        List<Optional<byte[]>> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(get(key));
        }
        return values;
    }

    /**
     * As {@link #getAll}, but the state read may lag the newest writes a little, where that is
     * much cheaper (etcd: the member reached answers from its own copy, without a consensus
     * round, which under a write load waits for the writes in flight). For the read before a
     * {@link KvWrites#writeIfOrRead}: the write's conditions catch a stale read, and its refusal brings
     * the current values.
     */
    default List<Optional<byte[]>> getAllForUpdate(List<String> keys) {
        return getAll(keys);
    }

    /** Opens a cursor over a range; see {@link KvCursor}. */
    KvCursor cursor(RangeOptions options);

    default List<KvPair> range(RangeOptions options) {
        List<KvPair> pairs = new ArrayList<>();
        try (KvCursor cursor = cursor(options)) {
            while (cursor.next()) {
                pairs.add(cursor.pair());
            }
        }
        return pairs;
    }

    default List<String> keysWithPrefix(String prefix) {
        List<String> keys = new ArrayList<>();
        try (KvCursor cursor = cursor(RangeOptions.prefix(prefix))) {
            while (cursor.next()) {
                keys.add(cursor.key());
            }
        }
        return keys;
    }

    /** The exact number of keys (on RocksDB a scan of all keys; use {@link KvStore#stats()} to monitor). */
    long count();
}
