package io.spear.next.bench;

import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.Keys;
import io.spear.next.storage.kv.KvPair;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.storage.kv.RangeOptions;
import io.spear.next.storage.kv.rocksdb.RocksDbHandles;
import io.spear.next.storage.kv.rocksdb.RocksDbSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * The KvStore against raw rocksdbjni opened with the same options (RocksDbHandles) in the same
 * run, and against the memory backend. Both sides do the same work from String keys: encode them,
 * and return keys as Strings and values as arrays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class KvStoreBenchmark {

    static final int PRELOADED = 20_000;
    static final int SCANNED = 1000;

    @Param({"store", "raw", "memory"})
    public String backend;

    @Param({"100", "1024", "10240"})
    public int valueSize;

    Target target;
    Path dir;
    byte[] value;

    /** What both sides implement. */
    interface Target extends AutoCloseable {
        void put(String key, byte[] value);

        byte[] get(String key);

        void batchPut(List<KvPair> pairs);

        int scanPrefix(String prefix);

        @Override
        void close();
    }

    @State(Scope.Thread)
    public static class Writer {
        static final AtomicInteger THREADS = new AtomicInteger();
        final int id = THREADS.incrementAndGet();
        long next;
        List<KvPair> batch100;
        List<KvPair> batch1000;

        @Setup(Level.Trial)
        public void prepare(KvStoreBenchmark benchmark) {
            batch100 = batch(benchmark.value, 100);
            batch1000 = batch(benchmark.value, 1000);
        }

        List<KvPair> batch(byte[] value, int size) {
            List<KvPair> pairs = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                pairs.add(new KvPair("batch:" + id + ":" + size + ":" + i, value));
            }
            return pairs;
        }
    }

    @Setup(Level.Trial)
    public void open() throws Exception {
        value = new byte[valueSize];
        ThreadLocalRandom.current().nextBytes(value);
        dir = Files.createTempDirectory("kv-bench");
        target = switch (backend) {
            case "store" -> new StoreTarget(KvStoreFactory.open(KvStoreConfig.rocksdb(dir.toString())));
            case "memory" -> new StoreTarget(KvStoreFactory.open(KvStoreConfig.memory()));
            case "raw" -> new RawTarget(RocksDbHandles.open(dir, RocksDbSettings.DEFAULTS));
            default -> throw new IllegalArgumentException(backend);
        };
        List<KvPair> preload = new ArrayList<>();
        for (int i = 0; i < PRELOADED; i++) {
            preload.add(new KvPair(String.format("key:%08d", i), value));
            if (preload.size() == 1000) {
                target.batchPut(preload);
                preload.clear();
            }
        }
        for (int i = 0; i < SCANNED; i++) {
            preload.add(new KvPair(String.format("scan:%04d", i), value));
        }
        target.batchPut(preload);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        target.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public void put(Writer writer) {
        target.put("put:" + writer.id + ":" + writer.next++, value);
    }

    @Benchmark
    public byte[] getHit() {
        return target.get(String.format("key:%08d", ThreadLocalRandom.current().nextInt(PRELOADED)));
    }

    @Benchmark
    public byte[] getMiss() {
        return target.get(
                String.format("nokey:%08d", ThreadLocalRandom.current().nextInt(PRELOADED)));
    }

    @Benchmark
    public void batchPut100(Writer writer) {
        target.batchPut(writer.batch100);
    }

    @Benchmark
    public void batchPut1000(Writer writer) {
        target.batchPut(writer.batch1000);
    }

    @Benchmark
    public int scanPrefix1000() {
        return target.scanPrefix("scan:");
    }

    static final class StoreTarget implements Target {
        private final KvStore store;

        StoreTarget(KvStore store) {
            this.store = store;
        }

        @Override
        public void put(String key, byte[] value) {
            store.put(key, value);
        }

        @Override
        public byte[] get(String key) {
            return store.get(key).orElse(null);
        }

        @Override
        public void batchPut(List<KvPair> pairs) {
            store.batchPut(pairs);
        }

        @Override
        public int scanPrefix(String prefix) {
            return store.range(RangeOptions.prefix(prefix)).size();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    static final class RawTarget implements Target {
        private final RocksDbHandles handles;

        RawTarget(RocksDbHandles handles) {
            this.handles = handles;
        }

        @Override
        public void put(String key, byte[] value) {
            try {
                handles.db().put(handles.writeOptions(), key.getBytes(StandardCharsets.UTF_8), value);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte[] get(String key) {
            try {
                return handles.db().get(key.getBytes(StandardCharsets.UTF_8));
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void batchPut(List<KvPair> pairs) {
            try (WriteBatch batch = new WriteBatch()) {
                for (KvPair pair : pairs) {
                    batch.put(pair.key().getBytes(StandardCharsets.UTF_8), pair.value());
                }
                handles.db().write(handles.writeOptions(), batch);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int scanPrefix(String prefix) {
            List<Map.Entry<String, byte[]>> pairs = new ArrayList<>();
            try (Slice lower = new Slice(prefix.getBytes(StandardCharsets.UTF_8));
                    Slice upper = new Slice(Keys.prefixEnd(prefix).getBytes(StandardCharsets.UTF_8));
                    ReadOptions options =
                            new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper);
                    RocksIterator iterator = handles.db().newIterator(options)) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    pairs.add(new AbstractMap.SimpleImmutableEntry<>(
                            new String(iterator.key(), StandardCharsets.UTF_8), iterator.value()));
                }
            }
            return pairs.size();
        }

        @Override
        public void close() {
            handles.close();
        }
    }
}
