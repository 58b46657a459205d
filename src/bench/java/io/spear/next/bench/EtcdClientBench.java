package io.spear.next.bench;

import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import io.spear.next.storage.kv.KvStores;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The etcd client alone, without the SMS around it: THREADS threads calling the EtcdKvStore for
 * SECONDS, and the CPU this JVM spent per call. MODE letters: p = a put of 300 bytes, r = a read
 * of 4 keys, w = a conditional write of 6 keys (a heartbeat's shape).
 * Usage: EtcdClientBench ENDPOINTS THREADS SECONDS MODE
 */
public final class EtcdClientBench {

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String mode = args[3];
        byte[] value = new byte[300];
        try (KvStore store = KvStores.createFromConfig(KvStoreConfig.etcd(args[0]).withParam("namespace", "/client-bench/"))) {
            for (int round = 0; round < 2; round++) { // the first round warms the JIT up
                AtomicLong calls = new AtomicLong();
                long cpuBefore = processCpuNanos();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Random random = new Random(t);
                    workers.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            String node = "n" + random.nextInt(2000);
                            if (mode.contains("r")) {
                                store.getAll(List.of("node:" + node, "beat:" + node, "resource:" + node, "stats:" + node));
                            }
                            if (mode.contains("w")) {
                                List<KvMutation> writes = new ArrayList<>();
                                for (int i = 0; i < 6; i++) {
                                    writes.add(KvMutation.put("k" + i + ":" + node, value));
                                }
                                store.writeIf(List.of(KvCondition.absent("never-written")), writes);
                            }
                            if (mode.contains("p")) {
                                store.put("p:" + node, value);
                            }
                            calls.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
                pool.shutdown();
                long cpu = processCpuNanos() - cpuBefore;
                if (round == 1) {
                    System.out.printf("| %s | %d | %.0f | %.2f |%n", mode, threads, calls.get() / (double) seconds,
                            cpu / 1e6 / calls.get());
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
