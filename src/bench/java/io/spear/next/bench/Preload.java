package io.spear.next.bench;

import io.spear.next.registry.GpuInfo;
import io.spear.next.registry.NodeRegistration;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeResource;
import io.spear.next.registry.Registry;
import io.spear.next.registry.RegistrySettings;
import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fills a RocksDB data directory (or, given {@code etcd=ENDPOINTS}, the etcd namespace of
 * {@code KV_ETCD_NAMESPACE}) with N registered nodes, each with a resource report, through the
 * registries (so indexes and totals are real), and writes their uuids one per line.
 * Usage: Preload DATA_DIR|etcd=ENDPOINTS N UUID_FILE
 */
public final class Preload {

    public static void main(String[] args) throws Exception {
        boolean etcd = args[0].startsWith("etcd=");
        KvStoreConfig config = etcd
                ? KvStoreConfig.etcd(args[0].substring(5))
                        .withParam("namespace", System.getenv().getOrDefault("KV_ETCD_NAMESPACE", "/spear-sms/"))
                : KvStoreConfig.rocksdb(args[0]);
        int count = Integer.parseInt(args[1]);
        Path uuidFile = Path.of(args[2]);
        long start = System.nanoTime();
        try (KvStore store = KvStoreFactory.open(config);
                BufferedWriter uuids = Files.newBufferedWriter(uuidFile)) {
            NodeRegistry nodes = Registry.open(store, RegistrySettings.DEFAULTS).nodes();
            int threads = etcd ? 16 : 2; // etcd: round trips, not CPU, bound a writer
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                work.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        String uuid = uuid(i);
                        nodes.register(new NodeRegistration(
                                uuid,
                                "node-" + i,
                                "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255),
                                7000,
                                8080,
                                Map.of("zone", "z" + (i % 8), "rack", "r" + (i % 64), "tier", "t" + (i % 4))));
                        nodes.heartbeat(uuid, Map.of("disk", "ok"), report(i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            for (int i = 0; i < count; i++) {
                uuids.write(uuid(i));
                uuids.newLine();
            }
        }
        System.out.printf("preloaded %d nodes in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    }

    static String uuid(int i) {
        return String.format("%08x-0000-4000-8000-%012x", i, (long) i * 7919);
    }

    static NodeResource report(int i) {
        double cpu = (i * 37) % 100;
        return NodeResource.builder()
                .cpuUsagePercent(cpu)
                .memoryUsagePercent((i * 53) % 100)
                .totalMemoryBytes(64L << 30)
                .usedMemoryBytes(32L << 30)
                .availableMemoryBytes(32L << 30)
                .diskUsagePercent(40)
                .totalDiskBytes(1L << 40)
                .usedDiskBytes(1L << 39)
                .networkRxBytesPerSec(125_000)
                .networkTxBytesPerSec(80_000)
                .loadAverage1m(cpu / 20)
                .loadAverage5m(1.5)
                .loadAverage15m(1.2)
                .gpus(List.of(new GpuInfo(0, "A100", 80L << 30, 1L << 30, 12.5)))
                .resourceMetadata(Map.of("kernel", "6.1"))
                .build();
    }
}
