package io.spear.next.storage.kv;

/**
 * How large one atomic write may be on a backend: {@link KvStore#write}, {@link KvStore#writeIf}
 * and batches up to these bounds are all or nothing. Larger batches are split into writes of this
 * size (each atomic, the batch not); a larger {@code write} or {@code writeIf} is refused with
 * {@link KvLimitException}, nothing applied. Callers that write much (rebuilds, trims, imports)
 * split their work by {@link #maxOperations()}.
 *
 * @param maxOperations distinct keys changed (or compared) in one write
 * @param maxBytes      keys and values in one write
 */
public record KvLimits(int maxOperations, long maxBytes) {

    /** The embedded backends: one write may be as large as memory allows. */
    public static final KvLimits NONE = new KvLimits(Integer.MAX_VALUE, Long.MAX_VALUE);
}
