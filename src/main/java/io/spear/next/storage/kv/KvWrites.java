package io.spear.next.storage.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The writing side of a {@link KvStore}: puts and deletes, atomic batches, and conditional writes
 * (compare-and-set) that may read the current values back when refused. Every write is atomic up
 * to {@link #limits()}.
 */
public interface KvWrites {

    void put(String key, byte[] value);

    /** Deletes the key; true if it existed. */
    boolean delete(String key);

    /** Applies puts and deletes atomically, in list order (a later change to a key wins). */
    void write(List<KvMutation> mutations);

    /**
     * Applies the mutations atomically if every condition holds, checked and written with no other
     * writer of those keys in between (compare-and-set); returns false, changing nothing, otherwise.
     */
    boolean writeIf(List<KvCondition> conditions, List<KvMutation> mutations);

    /**
     * As {@link #writeIf}, but a refused write reads {@code readOnRefusal} instead, in the same
     * round trip where the backend can (etcd: the transaction's else branch): empty when written,
     * otherwise the keys' current values, in order (absent: empty), from one consistent state.
     */
    Optional<List<Optional<byte[]>>> writeIfOrRead(
            List<KvCondition> conditions, List<KvMutation> mutations, List<String> readOnRefusal);

    /** How large one atomic write may be here; {@link KvLimits#NONE} for the embedded backends. */
    default KvLimits limits() {
        return KvLimits.NONE;
    }

    default void batchPut(List<KvPair> pairs) {
        List<KvMutation> mutations = new ArrayList<>(pairs.size());
        for (KvPair pair : pairs) {
            mutations.add(KvMutation.put(pair.key(), pair.value()));
        }
        write(mutations);
    }

    /** Deletes the keys atomically; returns how many distinct keys existed. */
    int batchDelete(List<String> keys);

    /** Removes every key, atomically. */
    void clear();
}
