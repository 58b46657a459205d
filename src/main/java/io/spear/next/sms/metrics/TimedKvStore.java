package io.spear.next.sms.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.spear.next.storage.kv.ForwardingKvStore;
import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvStats;
import io.spear.next.storage.kv.KvStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A KvStore that times every data operation ({@code sms.kv.operations}, tagged by operation,
 * backend and outcome) and publishes the store's statistics as gauges: the keys and the data's
 * bytes on every backend, and RocksDB's own figures on RocksDB. Everything else it forwards.
 */
public final class TimedKvStore extends ForwardingKvStore {

    private final MeterRegistry registry;
    private final Tags backendTag;
    private final Map<String, Timer> successTimers = new ConcurrentHashMap<>();

    public TimedKvStore(KvStore delegate, MeterRegistry registry) {
        super(delegate);
        this.registry = registry;
        this.backendTag = Tags.of(MetricNames.BACKEND, delegate.backend().configName());
        gauge(MetricNames.KV_ESTIMATED_KEYS, "Estimated number of keys", KvStats::estimatedKeys);
        gauge(
                MetricNames.KV_DATA_BYTES,
                "Bytes the data takes: RocksDB's SST files, etcd's database, the memory backend's heap",
                KvStats::dataBytes);
        if (delegate.backend() == KvBackend.ROCKSDB) { // RocksDB's own figures, by RocksDB's names
            rocksDbGauge(MetricNames.KV_SST_BYTES, "Bytes in SST files", KvStats.RocksDb::sstBytes);
            rocksDbGauge(MetricNames.KV_MEMTABLE_BYTES, "Bytes in memtables", KvStats.RocksDb::memtableBytes);
            rocksDbGauge(
                    MetricNames.KV_BLOCK_CACHE_BYTES,
                    "Bytes used by the block cache",
                    KvStats.RocksDb::blockCacheBytes);
            rocksDbGauge(
                    MetricNames.KV_PENDING_COMPACTION_BYTES,
                    "Bytes compaction still has to rewrite",
                    KvStats.RocksDb::pendingCompactionBytes);
        }
    }

    @Override
    protected <T> T call(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            successTimers
                    .computeIfAbsent(operation, op -> timer(op, "success"))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException e) {
            timer(operation, e.getClass().getSimpleName()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw e;
        }
    }

    private Timer timer(String operation, String outcome) {
        return Timer.builder(MetricNames.KV_OPERATIONS)
                .description("KvStore calls")
                .tags(backendTag)
                .tag(MetricNames.OPERATION, operation)
                .tag(MetricNames.OUTCOME, outcome)
                .register(registry);
    }

    private void gauge(String name, String description, ToLongFunction<KvStats> stat) {
        Gauge.builder(name, delegate, store -> store.isOpen() ? stat.applyAsLong(store.stats()) : Double.NaN)
                .description(description)
                .tags(backendTag)
                .strongReference(false)
                .register(registry);
    }

    private void rocksDbGauge(String name, String description, ToLongFunction<KvStats.RocksDb> stat) {
        gauge(name, description, stats -> stats instanceof KvStats.RocksDb rocksDb ? stat.applyAsLong(rocksDb) : 0);
    }
}
