package io.spear.next.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real etcd cluster (Debian's {@code etcd} binary) of {@code size} members on loopback ports,
 * data on the shared-memory tmpfs when there is one. Each member is a process this object starts
 * and stops by its PID; a stopped member can be started again with its data.
 */
public final class EtcdCluster implements AutoCloseable {

    /** The binary: {@code ETCD_BINARY}, or {@code etcd} on the PATH. */
    public static final String BINARY = System.getenv().getOrDefault("ETCD_BINARY", "etcd");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final java.util.concurrent.atomic.AtomicInteger NAMESPACES =
            new java.util.concurrent.atomic.AtomicInteger();
    private static EtcdCluster shared;

    private final Path dataRoot;
    private final int[] clientPorts;
    private final int[] peerPorts;
    private final Process[] members;
    private final String token;

    private EtcdCluster(Path dataRoot, int size) throws IOException {
        this.dataRoot = dataRoot;
        this.clientPorts = new int[size];
        this.peerPorts = new int[size];
        this.members = new Process[size];
        this.token = "sms-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        for (int i = 0; i < size; i++) {
            clientPorts[i] = ServiceProcess.freePort();
            peerPorts[i] = ServiceProcess.freePort();
        }
    }

    /** Starts {@code size} members and waits until the cluster answers writes. */
    public static EtcdCluster start(int size) {
        Path shm = Path.of("/dev/shm");
        try {
            Path root = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "sms-etcd-")
                    : Files.createTempDirectory("sms-etcd-");
            EtcdCluster cluster = new EtcdCluster(root, size);
            for (int i = 0; i < size; i++) {
                cluster.startMember(i);
            }
            cluster.awaitHealthy();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One three-member cluster for every test of this JVM that leaves its members alone (tests that
     * kill members start their own), stopped when the JVM exits; tests keep apart by namespace.
     */
    public static synchronized EtcdCluster shared() {
        if (shared == null) {
            EtcdCluster cluster = start(3);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
            shared = cluster;
        }
        return shared;
    }

    /** A namespace no other test of this JVM uses: {@code /<what>-<n>/}. */
    public static String freshNamespace(String what) {
        return "/" + what + "-" + NAMESPACES.incrementAndGet() + "/";
    }

    public int size() {
        return members.length;
    }

    /** Every member's client URL, comma-separated (the form kv.etcd.endpoints takes). */
    public String endpoints() {
        List<String> urls = new ArrayList<>();
        for (int port : clientPorts) {
            urls.add("http://127.0.0.1:" + port);
        }
        return String.join(",", urls);
    }

    public String endpoint(int member) {
        return "http://127.0.0.1:" + clientPorts[member];
    }

    /** Starts member {@code i} (again, with its data, after {@link #kill}). */
    public void startMember(int i) {
        String cluster = Stream.iterate(0, n -> n + 1)
                .limit(members.length)
                .map(n -> "m" + n + "=http://127.0.0.1:" + peerPorts[n])
                .collect(Collectors.joining(","));
        Path dir = dataRoot.resolve("m" + i);
        ProcessBuilder builder = new ProcessBuilder(
                        BINARY,
                        "--name",
                        "m" + i,
                        "--data-dir",
                        dir.toString(),
                        "--listen-client-urls",
                        endpoint(i),
                        "--advertise-client-urls",
                        endpoint(i),
                        "--listen-peer-urls",
                        "http://127.0.0.1:" + peerPorts[i],
                        "--initial-advertise-peer-urls",
                        "http://127.0.0.1:" + peerPorts[i],
                        "--initial-cluster",
                        cluster,
                        "--initial-cluster-token",
                        token,
                        "--initial-cluster-state",
                        "new",
                        // short elections, so that tests of a lost leader take seconds
                        "--heartbeat-interval",
                        "100",
                        "--election-timeout",
                        "1000",
                        "--log-level",
                        "warn")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataRoot.resolve("m" + i + ".log").toFile()));
        try {
            members[i] = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY + " (apt-get install etcd-server)", e);
        }
    }

    /** SIGKILLs member {@code i} and waits until its process is gone (its ports are free again). */
    public void kill(int i) {
        Process member = members[i];
        if (member == null) {
            return;
        }
        member.destroyForcibly();
        try {
            if (!member.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("etcd member m" + i + " (pid " + member.pid() + ") did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        members[i] = null;
    }

    public boolean running(int i) {
        return members[i] != null && members[i].isAlive();
    }

    /** The member that leads the Raft group now, from each member's /v3 status; -1 when none does. */
    public int leader() {
        for (int i = 0; i < members.length; i++) {
            if (!running(i)) {
                continue;
            }
            String status = post(i, "/v3/maintenance/status", "{}");
            if (status == null) {
                continue;
            }
            String leader = field(status, "leader");
            String self = field(field(status, "header"), "member_id");
            if (leader != null && leader.equals(self)) {
                return i;
            }
        }
        return -1;
    }

    /** Waits until every running member answers and one of them leads. */
    public void awaitHealthy() {
        Awaitility.await("etcd cluster healthy at " + endpoints())
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    for (int i = 0; i < members.length; i++) {
                        if (running(i) && !"true".equals(field(get(i, "/health"), "health"))) {
                            return false;
                        }
                    }
                    return leader() >= 0;
                });
    }

    private String get(int member, String path) {
        return send(HttpRequest.newBuilder(URI.create(endpoint(member) + path)).GET());
    }

    private String post(int member, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(endpoint(member) + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A top-level field of a small JSON object, as text (quotes removed); null when absent. */
    private static String field(String json, String name) {
        if (json == null) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json)
                    .get(name);
            return node == null ? null : node.isValueNode() ? node.asText() : node.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** Kills every member and deletes the data. */
    @Override
    public void close() {
        for (int i = 0; i < members.length; i++) {
            kill(i);
        }
        try (Stream<Path> files = Files.walk(dataRoot)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover directory on a tmpfs is gone at the next boot
        }
    }
}
