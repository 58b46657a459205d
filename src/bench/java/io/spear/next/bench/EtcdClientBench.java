package io.spear.next.bench;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.spear.next.storage.KvStoreFactory;
import io.spear.next.storage.kv.KvCondition;
import io.spear.next.storage.kv.KvMutation;
import io.spear.next.storage.kv.KvStore;
import io.spear.next.storage.kv.KvStoreConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The etcd client alone, without the SMS around it: THREADS threads calling etcd for SECONDS, and
 * the CPU this JVM spent per call. MODE letters: p = a put of 300 bytes, r = a read of 4 keys,
 * w = a conditional write of 6 keys (a heartbeat's shape). CLIENT: {@code store} (the EtcdKvStore,
 * on jetcd; the default) or {@code grpc} (grpc-java's generated KV stubs on a plain Netty channel
 * per member, no retries: what a leaner client could cost at best).
 * Usage: EtcdClientBench ENDPOINTS THREADS SECONDS MODE [CLIENT]
 */
public final class EtcdClientBench {

    private static final byte[] VALUE = new byte[300];

    /** One round trip (or several, by MODE) for the node. */
    private interface Calls extends AutoCloseable {
        void run(String node);
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String mode = args[3];
        String client = args.length > 4 ? args[4] : "store";
        try (Calls calls = client.equals("grpc") ? grpc(args[0], mode) : store(args[0], mode)) {
            for (int round = 0; round < 2; round++) { // the first round warms the JIT up
                AtomicLong done = new AtomicLong();
                long cpuBefore = processCpuNanos();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Random random = new Random(t);
                    workers.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            calls.run("n" + random.nextInt(2000));
                            done.incrementAndGet();
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
                    System.out.printf(
                            "| %s | %s | %d | %.0f | %.2f |%n",
                            client, mode, threads, done.get() / (double) seconds, cpu / 1e6 / done.get());
                }
            }
        }
    }

    private static Calls store(String endpoints, String mode) {
        KvStore store = KvStoreFactory.open(KvStoreConfig.etcd(endpoints).withParam("namespace", "/client-bench/"));
        return new Calls() {
            @Override
            public void run(String node) {
                if (mode.contains("r")) {
                    store.getAll(List.of("node:" + node, "beat:" + node, "resource:" + node, "stats:" + node));
                }
                if (mode.contains("w")) {
                    List<KvMutation> writes = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        writes.add(KvMutation.put("k" + i + ":" + node, VALUE));
                    }
                    store.writeIf(List.of(KvCondition.absent("never-written")), writes);
                }
                if (mode.contains("p")) {
                    store.put("p:" + node, VALUE);
                }
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    private static Calls grpc(String endpoints, String mode) {
        List<ManagedChannel> channels = new ArrayList<>();
        for (String endpoint : endpoints.split(",")) {
            URI uri = URI.create(endpoint);
            channels.add(NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort())
                    .usePlaintext()
                    .build());
        }
        AtomicLong next = new AtomicLong();
        ByteString value = ByteString.copyFrom(VALUE);
        return new Calls() {
            @Override
            public void run(String node) {
                KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(
                                channels.get((int) (next.getAndIncrement() % channels.size())))
                        .withDeadlineAfter(5, TimeUnit.SECONDS);
                if (mode.contains("r")) {
                    TxnRequest.Builder reads = TxnRequest.newBuilder();
                    for (String key : List.of("node:", "beat:", "resource:", "stats:")) {
                        reads.addSuccess(RequestOp.newBuilder()
                                .setRequestRange(RangeRequest.newBuilder().setKey(key(key + node))));
                    }
                    kv.txn(reads.build());
                }
                if (mode.contains("w")) {
                    TxnRequest.Builder write = TxnRequest.newBuilder()
                            .addCompare(Compare.newBuilder()
                                    .setKey(key("never-written"))
                                    .setTarget(Compare.CompareTarget.VERSION)
                                    .setResult(Compare.CompareResult.EQUAL)
                                    .setVersion(0));
                    for (int i = 0; i < 6; i++) {
                        write.addSuccess(RequestOp.newBuilder()
                                .setRequestPut(PutRequest.newBuilder()
                                        .setKey(key("k" + i + ":" + node))
                                        .setValue(value)));
                    }
                    kv.txn(write.build());
                }
                if (mode.contains("p")) {
                    kv.put(PutRequest.newBuilder()
                            .setKey(key("p:" + node))
                            .setValue(value)
                            .build());
                }
            }

            @Override
            public void close() {
                channels.forEach(ManagedChannel::shutdownNow);
            }
        };
    }

    private static ByteString key(String key) {
        return ByteString.copyFromUtf8("/client-bench/" + key);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
