package io.spear.next.storage.kv.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvLimitException;
import io.spear.next.storage.kv.KvMutation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's writes as etcd transactions, as pure code: one change per key, the cluster's limits
 * ({@code max-txn-ops}, {@code max-request-bytes}) checked before anything is sent, batches cut
 * into transactions that fit, and the operations and comparisons themselves.
 */
final class EtcdTransactions {

    /** What etcd adds to a request per operation beyond its key and value (a generous bound). */
    private static final int OP_OVERHEAD = 32;

    private final int maxOps;
    private final long maxBytes;

    EtcdTransactions(int maxOps, long maxBytes) {
        this.maxOps = maxOps;
        this.maxBytes = maxBytes;
    }

    /** etcd refuses two changes of one key in a transaction: the last one per key is the write's effect. */
    static List<KvMutation> lastPerKey(List<KvMutation> mutations) {
        Map<String, KvMutation> last = new LinkedHashMap<>();
        for (KvMutation mutation : mutations) {
            last.remove(mutation.key());
            last.put(mutation.key(), mutation);
        }
        return new ArrayList<>(last.values());
    }

    /** Refuses, before anything is written, a transaction the cluster would refuse. */
    void checkLimits(List<KvCondition> conditions, List<KvMutation> changes) {
        long bytes = 0;
        for (KvMutation change : changes) {
            bytes += size(change);
        }
        for (KvCondition condition : conditions) {
            bytes +=
                    condition.key().length() + OP_OVERHEAD + (condition.value() == null ? 0 : condition.value().length);
        }
        if (changes.size() > maxOps || conditions.size() > maxOps || bytes > maxBytes) {
            throw new KvLimitException("one etcd transaction takes at most " + maxOps + " operations and " + maxBytes
                    + " bytes (kv.etcd.max-txn-ops, kv.etcd.max-request-bytes, as the cluster's --max-txn-ops and "
                    + "--max-request-bytes); this write has " + changes.size() + " changes, " + conditions.size()
                    + " conditions and about " + bytes + " bytes: nothing was written");
        }
    }

    /** A refused write reads its keys back in the same transaction: at most one operation each. */
    void checkReads(int keys) {
        if (keys > maxOps) {
            throw new KvLimitException("a refused write can read at most " + maxOps + " keys back, got " + keys);
        }
    }

    private static long size(KvMutation mutation) {
        long size = mutation.key().length() * 3L + OP_OVERHEAD; // UTF-8: at most 3 bytes per char
        return mutation instanceof KvMutation.Put put ? size + put.value().length : size;
    }

    /** The mutations in groups that each fit one transaction. */
    List<List<KvMutation>> chunks(List<KvMutation> mutations) {
        List<List<KvMutation>> chunks = new ArrayList<>();
        List<KvMutation> chunk = new ArrayList<>();
        long bytes = 0;
        for (KvMutation mutation : mutations) {
            long size = size(mutation);
            if (!chunk.isEmpty() && (chunk.size() == maxOps || bytes + size > maxBytes)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(mutation);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    static Op[] ops(List<KvMutation> mutations) {
        Op[] ops = new Op[mutations.size()];
        for (int i = 0; i < ops.length; i++) {
            KvMutation mutation = mutations.get(i);
            ops[i] = mutation instanceof KvMutation.Put put
                    ? Op.put(bytes(put.key()), ByteSequence.from(put.value()), PutOption.DEFAULT)
                    : Op.delete(bytes(mutation.key()), DeleteOption.DEFAULT);
        }
        return ops;
    }

    static Cmp[] cmps(List<KvCondition> conditions) {
        Cmp[] cmps = new Cmp[conditions.size()];
        for (int i = 0; i < cmps.length; i++) {
            KvCondition condition = conditions.get(i);
            ByteSequence key = bytes(condition.key());
            cmps[i] = switch (condition.expect()) {
                case ABSENT -> new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0));
                case PRESENT -> new Cmp(key, Cmp.Op.GREATER, CmpTarget.version(0));
                case EQUALS -> new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(ByteSequence.from(condition.value())));
            };
        }
        return cmps;
    }

    static ByteSequence bytes(String key) {
        return ByteSequence.from(key, UTF_8);
    }
}
