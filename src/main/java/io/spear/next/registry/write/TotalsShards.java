package io.spear.next.registry.write;

import io.spear.next.registry.format.RegistryKeys;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.RangeOptions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Where the cluster totals live: several {@code stats:shard:} keys whose sum is the totals, so that
 * concurrent changes rarely write the same key. A change adds its delta to one shard, conditioned
 * on the shard as it read it.
 */
public abstract class TotalsShards {

    final KvStore store;

    TotalsShards(KvStore store) {
        this.store = store;
    }

    /** The shard a change of {@code uuid} adds to; given back with {@link #release} after the change. */
    abstract String acquire(String uuid);

    abstract void release(String shard);

    /** The shard a rebuild puts this node's share of the totals in. */
    abstract String rebuiltShard(String uuid);

    /** The totals: the sum of every shard. */
    public abstract ClusterTotals sum();

    /** The shard's value as this process last wrote it, where only this process writes it (else null: read it). */
    Optional<byte[]> known(String shard) {
        return null;
    }

    void remember(String shard, Optional<byte[]> value) {}

    /** After a failure or a rebuild: read every shard again before writing it. */
    void forgetAll() {}

    public static ClusterTotals sum(Stream<byte[]> shards) {
        return shards.map(ClusterTotals::decode).reduce(ClusterTotals.zero(), ClusterTotals::plus);
    }

    /**
     * 64 shards chosen by the node's uuid: two changes collide only on the same 64th of the nodes,
     * and a collision costs a local retry. The totals are 64 point lookups (every heartbeat
     * rewrites a shard, and a range scan would step over each older version still in RocksDB's
     * memtable).
     */
    static final class HashedShards extends TotalsShards {

        static final int SHARDS = 64;
        private static final List<String> KEYS = IntStream.range(0, SHARDS)
                .mapToObj(i -> RegistryKeys.STATS_SHARD + String.format("%02d", i))
                .toList();

        HashedShards(KvStore store) {
            super(store);
        }

        @Override
        String acquire(String uuid) {
            return rebuiltShard(uuid);
        }

        @Override
        void release(String shard) {}

        @Override
        String rebuiltShard(String uuid) {
            return KEYS.get(Math.floorMod(uuid.hashCode(), SHARDS));
        }

        @Override
        public ClusterTotals sum() {
            return sum(store.getAll(KEYS).stream().flatMap(Optional::stream));
        }
    }

    /**
     * On a shared store (etcd) a retry costs a round trip, and with hashed shards two replicas
     * beating for different nodes would collide whenever the nodes share a shard. Here each change
     * holds a shard of its own while it runs (a pool per process, grown to the peak number of
     * changes at once), so no two writers ever write one shard: the totals never cause a conflict.
     * The totals are one range read over every shard, including those of replicas that have
     * stopped (their sums stay part of the totals).
     */
    static final class WriterShards extends TotalsShards {

        private final String process = UUID.randomUUID().toString().substring(0, 8);
        private final AtomicInteger created = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> free = new ConcurrentLinkedQueue<>();
        /** Each shard of this process has one writer at a time and no other: its value need not be read. */
        private final ConcurrentHashMap<String, Optional<byte[]>> values = new ConcurrentHashMap<>();

        WriterShards(KvStore store) {
            super(store);
        }

        @Override
        String acquire(String uuid) {
            String shard = free.poll();
            return shard != null ? shard : RegistryKeys.STATS_SHARD + "w-" + process + "-" + created.incrementAndGet();
        }

        @Override
        void release(String shard) {
            free.offer(shard);
        }

        @Override
        String rebuiltShard(String uuid) {
            return RegistryKeys.STATS_SHARD + "rebuilt";
        }

        @Override
        Optional<byte[]> known(String shard) {
            return values.get(shard);
        }

        @Override
        void remember(String shard, Optional<byte[]> value) {
            values.put(shard, value);
        }

        @Override
        void forgetAll() {
            values.clear();
        }

        @Override
        public ClusterTotals sum() {
            return sum(store.range(RangeOptions.prefix(RegistryKeys.STATS_SHARD)).stream()
                    .map(KvPair::value));
        }
    }
}
