package io.spear.next.sms.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.spear.next.storage.kv.KvBackend;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvCursor;
import io.spear.next.storage.kv.KvLimits;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStats;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.RangeOptions;
import io.vertx.core.Context;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A KvStore that refuses to run on the Vert.x event loop and times every call ({@code sms.kv.operations}, tagged by operation, backend and
 * outcome) and publishes the store's statistics as gauges. Everything else it delegates.
 */
public final class TimedKvStore implements KvStore {

    private final KvStore delegate;
    private final MeterRegistry registry;
    private final Tags backendTag;
    private final Map<String, Timer> successTimers = new ConcurrentHashMap<>();

    public TimedKvStore(KvStore delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        this.backendTag = Tags.of(MetricNames.BACKEND, delegate.backend().configName());
        gauge(MetricNames.KV_ESTIMATED_KEYS, "Estimated number of keys", KvStats::estimatedKeys);
        gauge(MetricNames.KV_SST_BYTES, "Bytes in SST files", KvStats::sstBytes);
        gauge(MetricNames.KV_MEMTABLE_BYTES, "Bytes in memtables (memory backend: data held)", KvStats::memtableBytes);
        gauge(MetricNames.KV_BLOCK_CACHE_BYTES, "Bytes used by the block cache", KvStats::blockCacheBytes);
        gauge(
                MetricNames.KV_PENDING_COMPACTION_BYTES,
                "Bytes compaction still has to rewrite",
                KvStats::pendingCompactionBytes);
    }

    @Override
    public KvBackend backend() {
        return delegate.backend();
    }

    @Override
    public Optional<Path> path() {
        return delegate.path();
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public Optional<Path> lockFile() {
        return delegate.lockFile();
    }

    @Override
    public Optional<byte[]> get(String key) {
        return timed("get", () -> delegate.get(key));
    }

    @Override
    public List<Optional<byte[]>> getAll(List<String> keys) {
        return timed("get_all", () -> delegate.getAll(keys));
    }

    @Override
    public List<Optional<byte[]>> getAllForUpdate(List<String> keys) {
        return timed("get_all", () -> delegate.getAllForUpdate(keys));
    }

    @Override
    public void put(String key, byte[] value) {
        timed("put", () -> {
            delegate.put(key, value);
            return null;
        });
    }

    @Override
    public boolean delete(String key) {
        return timed("delete", () -> delegate.delete(key));
    }

    @Override
    public void write(List<KvMutation> mutations) {
        timed("write", () -> {
            delegate.write(mutations);
            return null;
        });
    }

    @Override
    public boolean writeIf(List<KvCondition> conditions, List<KvMutation> mutations) {
        return timed("write_if", () -> delegate.writeIf(conditions, mutations));
    }

    @Override
    public Optional<List<Optional<byte[]>>> writeIfOrRead(
            List<KvCondition> conditions, List<KvMutation> mutations, List<String> readOnRefusal) {
        return timed("write_if", () -> delegate.writeIfOrRead(conditions, mutations, readOnRefusal));
    }

    @Override
    public boolean isShared() {
        return delegate.isShared();
    }

    @Override
    public KvLimits limits() {
        return delegate.limits();
    }

    @Override
    public void batchPut(List<KvPair> pairs) {
        timed("batch_put", () -> {
            delegate.batchPut(pairs);
            return null;
        });
    }

    @Override
    public int batchDelete(List<String> keys) {
        return timed("batch_delete", () -> delegate.batchDelete(keys));
    }

    @Override
    public KvCursor cursor(RangeOptions options) {
        return timed("cursor_open", () -> delegate.cursor(options));
    }

    @Override
    public List<KvPair> range(RangeOptions options) {
        return timed("range", () -> delegate.range(options));
    }

    @Override
    public List<String> keysWithPrefix(String prefix) {
        return timed("keys_with_prefix", () -> delegate.keysWithPrefix(prefix));
    }

    @Override
    public long count() {
        return timed("count", delegate::count);
    }

    @Override
    public void clear() {
        timed("clear", () -> {
            delegate.clear();
            return null;
        });
    }

    @Override
    public KvStats stats() {
        return delegate.stats();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public Optional<String> writeFailure() {
        return delegate.writeFailure();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : delegate.unwrap(type);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private <T> T timed(String operation, Supplier<T> call) {
        if (Context.isOnEventLoopThread()) {
            // A blocking call here would stall every connection this event loop serves.
            throw new IllegalStateException("blocking KvStore " + operation + " called on the Vert.x event loop "
                    + Thread.currentThread().getName());
        }
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
}
