package io.spear.next.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.Node;
import io.spear.next.sms.grpc.v1.NodeResource;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.sms.grpc.v1.RegisterNodeRequest;
import io.spear.next.sms.grpc.v1.UpdateNodeResourceRequest;
import io.spear.next.testing.SpearAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * A fleet of Spear agents, each as {@code src/spearlet/registration.rs} (lfedgeai/SPEAR b583009)
 * behaves: every interval it registers when not registered (RegisterNode, then UpdateNodeResource),
 * else beats (Heartbeat with empty health_info, then UpdateNodeResource); a failed beat sends it to
 * registering at once, and a failed registration to registering at its next tick. Every call has a
 * 5 s deadline. Agents share {@code channels} HTTP/2 connections per target, and an agent that
 * cannot reach its target moves to the next one, as a Kubernetes Service routes a new connection
 * to a live endpoint. The requests carry Spear's fields only; the answers' revisions (this service's
 * extensions) let the fleet check that no acknowledged beat was lost: a node registered again
 * must be at least two revisions past the last beat it acknowledged.
 *
 * <p>{@code mode=etcd}: the same fleet writing to etcd instead (what a user of etcd alone would
 * do): each beat is a put of the node's liveness, then a put of its 430-byte report.
 *
 * <p>Prints a line a second, and a summary. Usage: {@code FleetEmulator mode=sms|etcd
 * targets=HOST:PORT[,HOST:PORT] agents=N interval=SECONDS seconds=SECONDS [channels=64]
 * [steady=FROM-TO] [cpu-pids=PID,...] [ready-marker=FILE]}: the steady window measures the
 * servers' CPU per agent-beat; the marker file, once written with the epoch milliseconds at which
 * a restarted service became ready, starts the count of agents beating again.
 */
public final class FleetEmulator {

    private static final long DEADLINE_MS = 5000;
    private static final byte[] REPORT_430 = ("{\"cpu_usage_percent\":12.5,\"memory_usage_percent\":50.0,"
                    + "\"total_memory_bytes\":8589934592,\"used_memory_bytes\":4294967296,"
                    + "\"available_memory_bytes\":4294967296,\"disk_usage_percent\":40.0,"
                    + "\"total_disk_bytes\":107374182400,\"used_disk_bytes\":42949672960,"
                    + "\"network_rx_bytes_per_sec\":0,\"network_tx_bytes_per_sec\":0,\"load_average_1m\":0.5,"
                    + "\"load_average_5m\":0.4,\"load_average_15m\":0.3,\"updated_at\":1796649944,"
                    + "\"resource_metadata\":{}}")
            .getBytes(StandardCharsets.UTF_8);

    private final Map<String, String> options;
    private final boolean etcd;
    private final List<List<ManagedChannel>> channels = new ArrayList<>();
    private final Agent[] agents;
    private final long intervalMs;
    private final AtomicLong beatsAcked = new AtomicLong();
    private final AtomicLong beatsFailed = new AtomicLong();
    private final AtomicLong registrations = new AtomicLong();
    private final AtomicLong registrationsFailed = new AtomicLong();
    private final AtomicLong reportsFailed = new AtomicLong();
    private final AtomicLong lostBeats = new AtomicLong();
    private final AtomicLong skippedTicks = new AtomicLong();
    private final AtomicLongArray latencyMs = new AtomicLongArray((int) DEADLINE_MS + 2);

    private FleetEmulator(Map<String, String> options) {
        this.options = options;
        this.etcd = options.get("mode").equals("etcd");
        this.intervalMs = Long.parseLong(options.get("interval")) * 1000;
        int perTarget = Integer.parseInt(options.getOrDefault("channels", "64"));
        for (String target : options.get("targets").split(",")) {
            List<ManagedChannel> pool = new ArrayList<>();
            for (int i = 0; i < perTarget; i++) {
                pool.add(NettyChannelBuilder.forTarget(target).usePlaintext().build());
            }
            channels.add(pool);
        }
        this.agents = new Agent[Integer.parseInt(options.get("agents"))];
        for (int i = 0; i < agents.length; i++) {
            agents[i] = new Agent(i, i % channels.size());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new FleetEmulator(options).run(Integer.parseInt(options.get("seconds")));
        System.exit(0);
    }

    /** One agent: its fixed uuid, where it connects, and what it last had acknowledged. */
    private final class Agent {
        final int index;
        final String ip;
        final String uuid;
        volatile int target;
        volatile boolean registered;
        volatile boolean busy;
        volatile long lastAckRevision;
        volatile long lastSuccessMs;

        Agent(int index, int target) {
            this.index = index;
            this.target = target;
            this.ip = "10." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255);
            this.uuid = SpearAgent.uuidOf(ip + ":50052:agent-" + index);
        }

        ManagedChannel channel() {
            List<ManagedChannel> pool = channels.get(target);
            return pool.get(index % pool.size());
        }

        NodeServiceGrpc.NodeServiceFutureStub sms() {
            return NodeServiceGrpc.newFutureStub(channel()).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS);
        }

        void tick() {
            if (busy) {
                skippedTicks.incrementAndGet(); // the last cycle still waits on its deadline
                return;
            }
            busy = true;
            if (etcd) {
                putBoth();
            } else if (!registered) {
                register();
            } else {
                heartbeat();
            }
        }

        void register() {
            Node node = Node.newBuilder()
                    .setUuid(uuid)
                    .setIpAddress(ip)
                    .setPort(50052)
                    .setHttpPort(8081)
                    .setStatus("online")
                    .putMetadata("name", "agent-" + index)
                    .build();
            call(
                    sms().registerNode(RegisterNodeRequest.newBuilder()
                            .setNode(node)
                            .build()),
                    answer -> {
                        registrations.incrementAndGet();
                        long revision = answer.getNode().getRevision();
                        if (lastAckRevision > 0 && revision < lastAckRevision + 2) {
                            if (lostBeats.getAndIncrement() < 10) {
                                System.out.printf(
                                        "LOST: %s registered again at revision %d, its last acknowledged beat was %d%n",
                                        uuid, revision, lastAckRevision);
                            }
                        }
                        registered = true;
                        succeeded();
                        report();
                        return null;
                    },
                    failure -> {
                        registrationsFailed.incrementAndGet();
                        movedOn(failure);
                        registered = false;
                        busy = false;
                        return null;
                    });
        }

        void heartbeat() {
            long start = System.nanoTime();
            call(
                    sms().heartbeat(HeartbeatRequest.newBuilder()
                            .setUuid(uuid)
                            .setTimestamp(System.currentTimeMillis() / 1000)
                            .build()),
                    answer -> {
                        latencyMs.incrementAndGet(
                                (int) Math.min(DEADLINE_MS + 1, (System.nanoTime() - start) / 1_000_000));
                        beatsAcked.incrementAndGet();
                        lastAckRevision = answer.getRevision();
                        succeeded();
                        report();
                        return null;
                    },
                    failure -> {
                        beatsFailed.incrementAndGet();
                        movedOn(failure);
                        registered = false;
                        register(); // registration.rs: re-register at once after a failed beat
                        return null;
                    });
        }

        void report() {
            reported(sms().updateNodeResource(UpdateNodeResourceRequest.newBuilder()
                    .setResource(NodeResource.newBuilder()
                            .setNodeUuid(uuid)
                            .setCpuUsagePercent(12.5)
                            .setMemoryUsagePercent(50)
                            .setTotalMemoryBytes(8L << 30)
                            .setUsedMemoryBytes(4L << 30)
                            .setAvailableMemoryBytes(4L << 30)
                            .setLoadAverage1M(0.5)
                            .setLoadAverage5M(0.4)
                            .setLoadAverage15M(0.3)
                            .setUpdatedAt(System.currentTimeMillis() / 1000))
                    .build()));
        }

        /** The report's call: the cycle ends with it, and a failure is only counted, as the agent only logs it. */
        void reported(ListenableFuture<?> report) {
            call(
                    report,
                    done -> {
                        busy = false;
                        return null;
                    },
                    failure -> {
                        reportsFailed.incrementAndGet();
                        busy = false;
                        return null;
                    });
        }

        /** etcd alone: the liveness, then the report, each a put. */
        void putBoth() {
            KVGrpc.KVFutureStub kv =
                    KVGrpc.newFutureStub(channel()).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            ByteString beat = ByteString.copyFromUtf8("{\"uuid\":\"" + uuid + "\",\"last_heartbeat\":"
                    + System.currentTimeMillis() / 1000 + ",\"status\":\"online\"}");
            call(
                    kv.put(PutRequest.newBuilder()
                            .setKey(ByteString.copyFromUtf8("agents/" + uuid + "/beat"))
                            .setValue(beat)
                            .build()),
                    answer -> {
                        latencyMs.incrementAndGet(
                                (int) Math.min(DEADLINE_MS + 1, (System.nanoTime() - start) / 1_000_000));
                        beatsAcked.incrementAndGet();
                        succeeded();
                        reported(KVGrpc.newFutureStub(channel())
                                .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                                .put(PutRequest.newBuilder()
                                        .setKey(ByteString.copyFromUtf8("agents/" + uuid + "/resource"))
                                        .setValue(ByteString.copyFrom(REPORT_430))
                                        .build()));
                        return null;
                    },
                    failure -> {
                        beatsFailed.incrementAndGet();
                        busy = false;
                        return null;
                    });
        }

        /**
         * A target that cannot be reached (UNAVAILABLE: refused, reset) is left for the next one, as a
         * Kubernetes Service routes a new connection to a live endpoint; a busy one is kept.
         */
        void movedOn(Throwable failure) {
            if (Status.fromThrowable(failure).getCode() == Status.Code.UNAVAILABLE) {
                target = (target + 1) % channels.size();
            }
        }

        void succeeded() {
            lastSuccessMs = System.currentTimeMillis();
        }
    }

    /** The callbacks run on gRPC's threads and never block. */
    private static <T> void call(ListenableFuture<T> call, Function<T, Void> ok, Function<Throwable, Void> failed) {
        Futures.addCallback(
                call,
                new FutureCallback<T>() {
                    @Override
                    public void onSuccess(T answer) {
                        ok.apply(answer);
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        failed.apply(failure);
                    }
                },
                MoreExecutors.directExecutor());
    }

    private void run(int seconds) throws Exception {
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        for (Agent agent : agents) {
            long phase = agent.index * intervalMs / agents.length;
            ticks.scheduleAtFixedRate(agent::tick, phase, intervalMs, TimeUnit.MILLISECONDS);
        }
        String[] steady = options.getOrDefault("steady", "").split("-");
        long steadyFrom = steady.length == 2 ? Long.parseLong(steady[0]) : -1;
        long steadyTo = steady.length == 2 ? Long.parseLong(steady[1]) : -1;
        long[] cpuAtFrom = null;
        long beatsAtFrom = 0;
        Path marker = options.containsKey("ready-marker") ? Path.of(options.get("ready-marker")) : null;
        long readyMs = -1;
        double allBeatingAfter = -1;
        long[] latencyAtFrom = null;
        System.out.printf(
                "# %d agents, a beat every %d s, mode %s, %d connection(s) per target%n",
                agents.length,
                intervalMs / 1000,
                options.get("mode"),
                channels.get(0).size());
        System.out.println("# t_s beats_acked beats_failed registrations registrations_failed reports_failed "
                + "agents_failing agents_beating_since_ready");
        long start = System.currentTimeMillis();
        long last = 0;
        for (int t = 1; t <= seconds; t++) {
            Thread.sleep(Math.max(0, start + t * 1000L - System.currentTimeMillis()));
            long now = System.currentTimeMillis();
            if (marker != null && readyMs < 0 && Files.exists(marker)) {
                String text = Files.readString(marker).trim();
                if (!text.isEmpty()) {
                    readyMs = Long.parseLong(text);
                }
            }
            int failing = failing(now);
            int beatingSinceReady = 0;
            for (Agent agent : agents) {
                if (readyMs > 0 && agent.lastSuccessMs >= readyMs) {
                    beatingSinceReady++;
                }
            }
            if (readyMs > 0 && allBeatingAfter < 0 && beatingSinceReady == agents.length) {
                allBeatingAfter = (now - readyMs) / 1000.0;
            }
            long acked = beatsAcked.get();
            System.out.printf(
                    "%d %d %d %d %d %d %d %s%n",
                    t,
                    acked - last,
                    beatsFailed.get(),
                    registrations.get(),
                    registrationsFailed.get(),
                    reportsFailed.get(),
                    failing,
                    readyMs > 0 ? Integer.toString(beatingSinceReady) : "-");
            last = acked;
            if (t == steadyFrom) {
                cpuAtFrom = cpu();
                beatsAtFrom = acked;
                latencyAtFrom = latencies();
            } else if (t == steadyTo && cpuAtFrom != null) {
                printSteady(cpuAtFrom, cpu(), acked - beatsAtFrom, steadyTo - steadyFrom, latencyAtFrom);
            }
        }
        ticks.shutdownNow();
        long end = System.currentTimeMillis();
        System.out.printf("agents failing at the end: %d of %d%n", failing(end), agents.length);
        Arrays.stream(agents)
                .filter(agent -> end - agent.lastSuccessMs > 2 * intervalMs + DEADLINE_MS)
                .limit(5)
                .forEach(agent -> System.out.printf(
                        "FAILING: %s registered=%s busy=%s target=%d, last answer %.1f s ago%n",
                        agent.uuid, agent.registered, agent.busy, agent.target, (end - agent.lastSuccessMs) / 1000.0));
        if (marker != null) {
            System.out.printf(
                    "every agent beating again: %s%n",
                    allBeatingAfter < 0 ? "NO" : String.format("%.1f s after ready", allBeatingAfter));
        }
        if (!etcd) {
            System.out.printf("acknowledged beats lost: %d%n", lostBeats.get());
        }
        System.out.printf("ticks skipped while a cycle was in flight: %d%n", skippedTicks.get());
        for (List<ManagedChannel> pool : channels) {
            pool.forEach(ManagedChannel::shutdownNow);
        }
    }

    /** Agents with no call answered for two intervals and a deadline: failing, as their operator sees it. */
    private int failing(long now) {
        int failing = 0;
        for (Agent agent : agents) {
            if (now - agent.lastSuccessMs > 2 * intervalMs + DEADLINE_MS) {
                failing++;
            }
        }
        return failing;
    }

    private void printSteady(long[] cpuFrom, long[] cpuTo, long beats, long seconds, long[] latencyFrom) {
        long[] latency = latencies();
        for (int i = 0; i < latency.length; i++) {
            latency[i] -= latencyFrom[i];
        }
        long cpuTicks = 0;
        for (int i = 0; i < cpuTo.length; i++) {
            cpuTicks += cpuTo[i] - cpuFrom[i];
        }
        double cpuSeconds = cpuTicks / 100.0; // USER_HZ
        System.out.printf(
                "steady: %.0f agent-beats/s (two calls each), server CPU %.2f cores, %.0f us per agent-beat, "
                        + "first call p50 %d ms p99 %d ms%n",
                beats / (double) seconds,
                cpuSeconds / seconds,
                beats == 0 ? 0 : cpuSeconds * 1e6 / beats,
                percentile(latency, 0.50),
                percentile(latency, 0.99));
    }

    private long[] latencies() {
        long[] copy = new long[latencyMs.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = latencyMs.get(i);
        }
        return copy;
    }

    private static long percentile(long[] histogram, double p) {
        long total = Arrays.stream(histogram).sum();
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (total > 0 && seen >= p * total) {
                return i;
            }
        }
        return -1;
    }

    /** utime + stime of each process in cpu-pids, in clock ticks. */
    private long[] cpu() throws Exception {
        String pids = options.getOrDefault("cpu-pids", "");
        if (pids.isEmpty()) {
            return new long[0];
        }
        String[] list = pids.split(",");
        long[] ticks = new long[list.length];
        for (int i = 0; i < list.length; i++) {
            String stat = Files.readString(Path.of("/proc", list[i], "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks[i] = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks;
    }
}
