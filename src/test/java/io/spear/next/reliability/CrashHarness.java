package io.spear.next.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.spear.next.sms.grpc.v1.HeartbeatRequest;
import io.spear.next.sms.grpc.v1.NodeResource;
import io.spear.next.sms.grpc.v1.NodeServiceGrpc;
import io.spear.next.testing.GrpcChannels;
import io.spear.next.testing.HeartbeatStreamClient;
import io.spear.next.testing.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kills the packaged service with SIGKILL at random moments while clients register, heartbeat
 * (with a resource report), update and delete nodes over REST, and an agent streams heartbeats
 * over gRPC ({@code StreamHeartbeats}, many beats in flight), restarts it on the same directory,
 * and checks every node against what the service acknowledged. Each client owns its nodes, so per
 * node the acknowledged history is exact; the requests in flight at the kill (one per REST node,
 * several per streamed node) may or may not have been applied, but only whole and in order.
 *
 * <p>Run: {@code src/bench/scripts/crash.sh [CYCLES]}; a short version is {@code CrashDurabilityIT}.
 */
public final class CrashHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT = Duration.ofSeconds(60);

    /** What one node looks like to a reader: absent, or its name, heartbeat sequence and report. */
    record State(boolean present, String name, String beat, Double cpu) {
        static final State ABSENT = new State(false, null, null, null);

        @Override
        public String toString() {
            return present ? "{name=" + name + ", beat=" + beat + ", cpu=" + cpu + "}" : "absent";
        }
    }

    /** One client's request: what the node would look like if the service applied it. */
    record Op(String method, String path, String body, State after) {}

    /** A node's acknowledged state, and the request that was in flight when the service died. */
    static final class Tracked {
        final String uuid = UUID.randomUUID().toString();
        State acked = State.ABSENT;
        Op pending;
        /** Streamed beats sent and not yet answered, oldest first. */
        final List<Op> streamed = new ArrayList<>();
    }

    /** How a cycle ends the service: SIGKILL (a crash) or SIGTERM (an orderly stop, as Kubernetes does). */
    public enum Stop {
        KILL,
        TERM
    }

    /** One start-load-stop cycle; {@code streamed}: the acknowledged writes that were streamed beats. */
    public record Cycle(
            int number,
            long acknowledged,
            long streamed,
            double recoverySeconds,
            List<String> violations,
            int exitCode,
            List<String> errorLines) {}

    public record Report(List<Cycle> cycles) {
        public long acknowledged() {
            return cycles.stream().mapToLong(Cycle::acknowledged).sum();
        }

        public long streamed() {
            return cycles.stream().mapToLong(Cycle::streamed).sum();
        }

        public List<String> violations() {
            return cycles.stream().flatMap(c -> c.violations().stream()).toList();
        }
    }

    private final Path work;
    private final Map<String, String> env;
    private final int clients;
    private final List<List<Tracked>> nodesByClient = new ArrayList<>();
    /** The streaming agent's nodes (the last list of nodesByClient), or none. */
    private final List<Tracked> streamedNodes;

    private final Random random;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** {@code clients} REST clients and one agent streaming over gRPC, each with {@code nodesPerClient} nodes. */
    public CrashHarness(Path work, Map<String, String> env, int clients, int nodesPerClient, long seed) {
        this.work = work;
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("KV_PATH", work.resolve("data").toString());
        // nothing expires or is dropped by the sweeper while the harness runs
        all.putIfAbsent("SMS_HEARTBEAT_TIMEOUT", "1h");
        this.env = Map.copyOf(all);
        this.clients = clients;
        this.random = new Random(seed);
        for (int c = 0; c <= clients; c++) {
            List<Tracked> own = new ArrayList<>();
            for (int n = 0; n < nodesPerClient; n++) {
                own.add(new Tracked());
            }
            nodesByClient.add(own);
        }
        this.streamedNodes = nodesByClient.get(clients);
    }

    /** Runs {@code cycles} start-load-stop cycles, then a final start that only verifies. */
    public Report run(int cycles, Duration minLoad, Duration maxLoad, Stop stop) throws Exception {
        List<Cycle> done = new ArrayList<>();
        AtomicLong sequence = new AtomicLong();
        for (int cycle = 1; cycle <= cycles + 1; cycle++) {
            long start = System.nanoTime();
            ServiceProcess sms = ServiceProcess.start(work, env).awaitReady(BOOT);
            double recovery = (System.nanoTime() - start) / 1e9;
            List<String> violations = verify(sms);
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong streamed = new AtomicLong();
            int exit;
            if (cycle <= cycles) {
                long loadMillis =
                        minLoad.toMillis() + (long) (random.nextDouble() * (maxLoad.toMillis() - minLoad.toMillis()));
                load(sms, loadMillis, sequence, stop, acknowledged, streamed);
                exit = sms.awaitExit(BOOT);
            } else {
                exit = sms.stop();
            }
            done.add(
                    new Cycle(cycle, acknowledged.get(), streamed.get(), recovery, violations, exit, sms.errorLines()));
        }
        return new Report(done);
    }

    /** Drives every client until the service stops, counting the writes acknowledged (and those streamed). */
    private void load(
            ServiceProcess sms,
            long millis,
            AtomicLong sequence,
            Stop stop,
            AtomicLong acknowledged,
            AtomicLong streamed)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        List<Future<?>> running = new ArrayList<>();
        long agentSeed = random.nextLong();
        running.add(pool.submit(() -> stream(sms, new Random(agentSeed), sequence, acknowledged, streamed)));
        for (List<Tracked> own : nodesByClient.subList(0, clients)) {
            long seed = random.nextLong();
            running.add(pool.submit(() -> {
                Random r = new Random(seed);
                while (true) {
                    Tracked node = own.get(r.nextInt(own.size()));
                    Op op = next(node, r, sequence.incrementAndGet());
                    node.pending = op;
                    int status;
                    try {
                        status = send(sms.port(), op);
                    } catch (IOException serviceGone) {
                        return null; // the op stays pending: applied or not, but whole
                    }
                    if (status == 503 && stop == Stop.TERM) {
                        return null; // refused while shutting down; pending as well
                    }
                    if (status / 100 != 2) {
                        throw new IllegalStateException(op.method() + " " + op.path() + " answered " + status
                                + " for a node acknowledged as " + node.acked);
                    }
                    node.acked = op.after();
                    node.pending = null;
                    acknowledged.incrementAndGet();
                }
            }));
        }
        Thread.sleep(millis);
        if (stop == Stop.KILL) {
            sms.kill();
        } else {
            sms.signalTerm();
        }
        pool.shutdown();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("clients did not stop after the kill");
        }
        for (Future<?> client : running) {
            client.get(); // rethrows a client's surprise
        }
    }

    /**
     * The agent: registers its nodes over REST, then streams heartbeats of them over gRPC, up to
     * {@link #STREAM_WINDOW} unanswered, until the stream ends with the service.
     */
    private Void stream(ServiceProcess sms, Random r, AtomicLong sequence, AtomicLong acknowledged, AtomicLong streamed)
            throws Exception {
        for (Tracked node : streamedNodes) {
            if (!node.acked.present()) {
                Op register = next(node, r, sequence.incrementAndGet());
                node.pending = register;
                try {
                    if (send(sms.port(), register) / 100 != 2) {
                        return null; // refused while stopping: stays pending
                    }
                } catch (IOException serviceGone) {
                    return null;
                }
                node.acked = register.after();
                node.pending = null;
            }
        }
        ManagedChannel channel = GrpcChannels.to(sms.grpcPort());
        try {
            HeartbeatStreamClient agent = HeartbeatStreamClient.open(NodeServiceGrpc.newStub(channel));
            ArrayDeque<Tracked> unanswered = new ArrayDeque<>();
            while (true) {
                while (unanswered.size() < STREAM_WINDOW) {
                    Tracked node = streamedNodes.get(r.nextInt(streamedNodes.size()));
                    long seq = sequence.incrementAndGet();
                    double cpu = seq % 100_000 / 1000.0;
                    node.streamed.add(new Op(
                            "STREAM", node.uuid, null, new State(true, node.acked.name(), Long.toString(seq), cpu)));
                    agent.send(HeartbeatRequest.newBuilder()
                            .setUuid(node.uuid)
                            .putHealthInfo("seq", Long.toString(seq))
                            .setResource(NodeResource.newBuilder()
                                    .setCpuUsagePercent(cpu)
                                    .setMemoryUsagePercent(50))
                            .build());
                    unanswered.add(node);
                }
                if (agent.nextOrEnd() == null) {
                    return null; // the service is gone: the unanswered beats stay in flight
                }
                Tracked answered = unanswered.poll(); // answers come in the order of the beats
                answered.acked = answered.streamed.remove(0).after();
                acknowledged.incrementAndGet();
                streamed.incrementAndGet();
            }
        } finally {
            channel.shutdownNow();
        }
    }

    /** Beats an agent streams without waiting for their answers. */
    private static final int STREAM_WINDOW = 16;

    private static Op next(Tracked node, Random r, long seq) {
        String path = "/api/v1/nodes/" + node.uuid;
        State now = node.acked;
        if (!now.present()) {
            String name = "n-" + seq;
            return new Op(
                    "POST",
                    "/api/v1/nodes",
                    "{\"uuid\":\"" + node.uuid + "\",\"name\":\"" + name
                            + "\",\"ip_address\":\"10.0.0.1\",\"port\":7000}",
                    new State(true, name, null, null));
        }
        int dice = r.nextInt(100);
        if (dice < 60) {
            double cpu = seq % 100_000 / 1000.0;
            return new Op(
                    "POST",
                    path + "/heartbeat",
                    "{\"health_info\":{\"seq\":\"" + seq + "\"},\"resource\":" + "{\"cpu_usage_percent\":" + cpu
                            + ",\"memory_usage_percent\":50}}",
                    new State(true, now.name(), Long.toString(seq), cpu));
        }
        if (dice < 88) {
            String name = "n-" + seq;
            return new Op("PUT", path, "{\"name\":\"" + name + "\"}", new State(true, name, now.beat(), now.cpu()));
        }
        return new Op("DELETE", path, null, State.ABSENT);
    }

    private int send(int port, Op op) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = op.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(op.body());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + op.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(op.method(), body)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Every node as the restarted service shows it, against its acknowledged (or pending) state. */
    private List<String> verify(ServiceProcess sms) throws Exception {
        List<String> violations = new ArrayList<>();
        long present = 0;
        for (List<Tracked> own : nodesByClient) {
            for (Tracked node : own) {
                State seen = read(sms.port(), node.uuid, violations);
                boolean asAcked = seen.equals(node.acked);
                boolean asPending = node.pending != null && seen.equals(node.pending.after());
                boolean asStreamed = node.streamed.stream().anyMatch(beat -> seen.equals(beat.after()));
                if (!asAcked && !asPending && !asStreamed) {
                    violations.add(node.uuid + ": acknowledged " + node.acked
                            + (node.pending == null ? "" : " (in flight: " + node.pending.after() + ")")
                            + (node.streamed.isEmpty()
                                    ? ""
                                    : " (" + node.streamed.size() + " streamed beats in flight)")
                            + ", found " + seen);
                }
                node.acked = seen;
                node.pending = null;
                node.streamed.clear();
                present += seen.present() ? 1 : 0;
            }
        }
        JsonNode stats = get(sms.port(), "/api/v1/cluster/stats").body();
        if (stats.path("total_nodes").asLong() != present) {
            violations.add(
                    "cluster stats count " + stats.path("total_nodes") + " nodes, the registry holds " + present);
        }
        return violations;
    }

    private State read(int port, String uuid, List<String> violations) throws Exception {
        Reply withResource = get(port, "/api/v1/nodes/" + uuid + "/with-resource");
        if (withResource.status() == 404) {
            int report = get(port, "/api/v1/nodes/" + uuid + "/resource").status();
            if (report != 404) {
                violations.add(uuid + ": the node is gone but its resource report answers " + report);
            }
            return State.ABSENT;
        }
        JsonNode node = withResource.body().path("node");
        JsonNode resource = withResource.body().path("resource");
        String beat = node.path("health_info").path("seq").isMissingNode()
                ? null
                : node.path("health_info").path("seq").asText();
        Double cpu = resource.isObject() ? resource.path("cpu_usage_percent").asDouble() : null;
        if (beat != null && cpu != null && Long.parseLong(beat) % 100_000 / 1000.0 != cpu) {
            violations.add(uuid + ": half a heartbeat: health from beat " + beat + ", report with cpu " + cpu);
        }
        return new State(true, node.path("name").asText(), beat, cpu);
    }

    record Reply(int status, JsonNode body) {}

    private Reply get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }

    /** {@code CrashHarness [CYCLES [CLIENTS [NODES_PER_CLIENT]]]}: prints a Markdown table and exits 1 on a loss. */
    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path work = Files.createTempDirectory("sms-crash");
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("KV_") || name.startsWith("SMS_")) {
                env.put(name, value);
            }
        });
        long seed = System.nanoTime();
        System.out.printf(
                "work directory %s, seed %d, %d REST clients and a gRPC streaming agent, %d nodes each, "
                        + "settings %s%n",
                work, seed, clients, nodes, new java.util.TreeMap<>(env));
        Report report = new CrashHarness(work, env, clients, nodes, seed)
                .run(cycles, Duration.ofMillis(500), Duration.ofMillis(3000), Stop.KILL);
        System.out.println();
        System.out.println("| cycle | writes acknowledged | of them streamed beats | restart to ready (s) "
                + "| violations found at this start |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (Cycle cycle : report.cycles()) {
            System.out.printf(
                    "| %d | %d | %d | %.2f | %d |%n",
                    cycle.number(),
                    cycle.acknowledged(),
                    cycle.streamed(),
                    cycle.recoverySeconds(),
                    cycle.violations().size());
        }
        List<Double> recoveries = new ArrayList<>(
                report.cycles().stream().skip(1).map(Cycle::recoverySeconds).toList());
        Collections.sort(recoveries);
        System.out.printf(
                "%nkill -9 cycles: %d; writes acknowledged: %d; lost or half-applied: %d; "
                        + "restart to ready after a kill: median %.2f s, max %.2f s%n",
                cycles,
                report.acknowledged(),
                report.violations().size(),
                recoveries.get(recoveries.size() / 2),
                recoveries.get(recoveries.size() - 1));
        report.violations().forEach(v -> System.out.println("VIOLATION " + v));
        System.exit(report.violations().isEmpty() ? 0 : 1);
    }
}
