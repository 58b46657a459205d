package io.spear.next.sms;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spear.next.testing.Prerequisites;
import io.spear.next.testing.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM image (deployment/docker/Dockerfile.jvm) built with podman on a base made from Debian's
 * packages (deployment/docker/debian-base.sh, cached between runs), and run as an operator runs
 * it: read-only root with a tmpfs /tmp, the data on a volume, host networking (the machine's podman
 * settings: deployment/podman/containers.conf), and as Spear's Helm chart runs it.
 */
class ContainerIT {

    private static final Path CONF =
            Path.of("deployment/podman/containers.conf").toAbsolutePath();
    private static final String BASE = "localhost/spear-jre17-jemalloc:bookworm";
    private static final String IMAGE = "localhost/spear-next-sms:it";
    private static final Duration READY = Duration.ofSeconds(60);

    /** One container: its name and its loopback ports. */
    private record Container(String name, int port, int grpcPort) {}

    private final List<String> names = new ArrayList<>();
    private final List<Path> played = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    @TempDir
    Path work;

    @BeforeAll
    static void buildImage() throws Exception {
        Prerequisites.command("podman", "apt-get install podman runc");
        Prerequisites.command("runc", "apt-get install runc");
        Prerequisites.command("debootstrap", "apt-get install debootstrap");
        Prerequisites.command("jq", "apt-get install jq");
        if (!"root".equals(System.getProperty("user.name"))) {
            Prerequisites.missing("needs root: podman with runc and debootstrap run as root here");
        }
        Result base = podmanLike(Duration.ofMinutes(15), "deployment/docker/debian-base.sh", BASE);
        assertEquals(0, base.exit(), base.output());
        Result previous = podman("image", "inspect", "-f", "{{.Id}}", IMAGE);
        Result build = podmanLike(
                Duration.ofMinutes(5),
                "podman",
                "build",
                "-q",
                "-f",
                "deployment/docker/Dockerfile.jvm",
                "--build-arg",
                "BASE_IMAGE=" + BASE,
                "-t",
                IMAGE,
                ".");
        assertEquals(0, build.exit(), build.output());
        // the image this run replaced would otherwise stay behind, untagged, at each run
        if (previous.exit() == 0 && !previous.equals(podman("image", "inspect", "-f", "{{.Id}}", IMAGE))) {
            podman("rmi", previous.output().strip());
        }
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String name : names) {
            podman("rm", "-f", "-v", "-t", "0", name);
        }
        for (Path kube : played) {
            podman("kube", "down", kube.toString());
        }
        for (String volume : volumes) {
            podman("volume", "rm", "-f", volume);
        }
    }

    private record Result(int exit, String output) {}

    /** A command with CONTAINERS_CONF set, run to its end within {@code timeout}. */
    private static Result podmanLike(Duration timeout, String... command) throws Exception {
        Path log = Files.createTempFile("podman", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("CONTAINERS_CONF", CONF.toString());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError(
                        String.join(" ", command) + " did not end within " + timeout + ":\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Result podman(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return podmanLike(Duration.ofMinutes(2), command.toArray(String[]::new));
    }

    /** A volume directory the image's user (1001) may write. */
    private Path volume(String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** Starts a container of the image on {@code volume}, detached; {@code -d} false waits for its end. */
    private Container run(Path volume, boolean detached, List<String> output) throws Exception {
        return run(volume, detached, output, ServiceProcess.freePort());
    }

    private Container run(Path volume, boolean detached, List<String> output, int grpcPort) throws Exception {
        Container container = new Container(
                "sms-it-" + UUID.randomUUID().toString().substring(0, 8), ServiceProcess.freePort(), grpcPort);
        names.add(container.name());
        List<String> args = new ArrayList<>(List.of("run", "--name", container.name()));
        if (detached) {
            args.add("-d");
        }
        args.addAll(List.of(
                "--read-only",
                "--tmpfs",
                "/tmp",
                "-v",
                volume + ":/var/lib/spear",
                "-e",
                "QUARKUS_HTTP_HOST=127.0.0.1",
                "-e",
                "QUARKUS_HTTP_PORT=" + container.port(),
                "-e",
                "QUARKUS_GRPC_SERVER_HOST=127.0.0.1",
                "-e",
                "QUARKUS_GRPC_SERVER_PORT=" + container.grpcPort(),
                IMAGE,
                "sms"));
        Result result = podman(args.toArray(String[]::new));
        output.add(result.output());
        if (detached) {
            assertEquals(0, result.exit(), result.output());
        } else {
            output.add("exit " + result.exit());
        }
        return container;
    }

    private static void awaitReady(Container container) {
        Awaitility.await(container.name() + " ready")
                .atMost(READY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try {
                        return given().port(container.port())
                                        .get("/q/health/ready")
                                        .statusCode()
                                == 200;
                    } catch (Exception notListeningYet) {
                        return false;
                    }
                });
    }

    private static String register(Container container) {
        return ServiceProcess.register(container.port());
    }

    @Test
    void runsUnprivilegedOnAReadOnlyRootRefusesASecondOwnerOfItsVolumeAndStopsPromptly() throws Exception {
        Path data = volume("data");
        Container sms = run(data, true, new ArrayList<>());
        awaitReady(sms);
        assertNotEquals("0", podman("exec", sms.name(), "id", "-u").output().strip(), "runs as a user, not root");
        String pid =
                podman("inspect", "-f", "{{.State.Pid}}", sms.name()).output().strip();
        assertTrue(
                Files.readString(Path.of("/proc", pid, "maps")).contains("/libjemalloc.so.2"),
                "the service allocates with jemalloc");
        assertTrue(
                Files.readString(Path.of("/proc", pid, "environ"))
                        .contains("\0MALLOC_CONF=narenas:2,background_thread:true"),
                "with few arenas, purged in the background");
        String uuid = register(sms);
        given().port(sms.port()).get("/q/health/live").then().statusCode(200);
        given().port(sms.port()).get("/q/health/started").then().statusCode(200);
        given().port(sms.port()).get("/health").then().statusCode(200);

        List<String> second = new ArrayList<>();
        run(data, false, second);
        assertNotEquals("exit 0", second.get(1), second.get(0));
        assertTrue(second.get(0).contains("/var/lib/spear/rocksdb/LOCK"), second.get(0));
        given().port(sms.port()).get("/api/v1/nodes/" + uuid).then().statusCode(200);
        given().port(sms.port()).get("/q/health/ready").then().statusCode(200);

        long start = System.nanoTime();
        Result stop = podman("stop", "-t", "10", sms.name());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(0, stop.exit(), stop.output());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "stopped in " + took);
        String exit = podman("inspect", "-f", "{{.State.ExitCode}}", sms.name())
                .output()
                .strip();
        assertTrue(exit.equals("0") || exit.equals("143"), "exit code " + exit);
    }

    @Test
    void aTakenPortEndsTheContainerNamingThePortAndItsSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> output = new ArrayList<>();
            run(volume("data"), false, output, taken.getLocalPort());
            assertEquals("exit 1", output.get(1), output.get(0));
            assertTrue(
                    output.get(0)
                            .contains("the gRPC port " + taken.getLocalPort()
                                    + " (quarkus.grpc.server.port, --grpc-addr)"),
                    output.get(0));
        }
    }

    /**
     * Spear's chart as helm renders it with this image and {@code database.type=rocksdb}
     * (src/test/resources/spear-chart/sms.yaml), played by podman: user 10001, read-only root, no
     * capabilities, {@code args: [sms]}, {@code SPEAR_CONFIG} pointing at the ConfigMap, its data
     * claim at the database path. Podman 4.3 plays no StatefulSet, so {@link KubePlayFiles} turns
     * it into the Deployment and claim its controller would leave. The chart's probes are checked
     * from outside, as the kubelet sends them: podman turns an {@code httpGet} probe into a
     * {@code curl} run inside the container, with a named port read as 0, and runs it only with
     * systemd.
     */
    @Test
    void spearsChartRunsTheImageUnderKubePlay() throws Exception {
        int grpcPort = ServiceProcess.freePort();
        int httpPort = ServiceProcess.freePort();
        KubePlayFiles chart = KubePlayFiles.of(
                Path.of("src/test/resources/spear-chart/sms.yaml"),
                Map.of("grpc", grpcPort, "http", httpPort, "admin", ServiceProcess.freePort()));
        Path configMap = work.resolve("configmap.yaml");
        Path kube = work.resolve("kube.yaml");
        chart.write(configMap, kube);
        played.add(kube);
        volumes.addAll(chart.volumes());
        for (String volume : chart.volumes()) {
            podman("volume", "rm", "-f", volume);
        }
        Result play = podman("kube", "play", "--replace", "--configmap", configMap.toString(), kube.toString());
        assertEquals(0, play.exit(), play.output());

        // podman names a Deployment's pod NAME-pod-0, and its containers POD-CONTAINER
        Container sms = new Container("spear-spear-sms-pod-0-sms", httpPort, grpcPort);
        Awaitility.await("GET /health of the chart's pod")
                .atMost(READY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try {
                        return given().port(httpPort).get("/health").statusCode() == 200;
                    } catch (Exception notListeningYet) {
                        return false;
                    }
                });
        register(sms);
        try (Socket grpc = new Socket()) {
            grpc.connect(new InetSocketAddress("127.0.0.1", grpcPort), 2000);
        }
        assertEquals(
                "10001:10001 true []",
                podman(
                                "inspect",
                                "-f",
                                "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}} {{.EffectiveCaps}}",
                                sms.name())
                        .output()
                        .strip());
        String volume = podman(
                        "volume",
                        "inspect",
                        "-f",
                        "{{.Mountpoint}}",
                        chart.claims().get(0))
                .output()
                .strip();
        assertTrue(Files.isRegularFile(Path.of(volume, "CURRENT")), "the store is on the chart's data claim");
        String logs = podman("logs", sms.name()).output();
        assertEquals(
                1,
                logs.lines()
                        .filter(line -> line.contains("with no counterpart here"))
                        .count(),
                logs);
    }

    @Test
    void aKilledContainersDataIsThereForTheNextOne() throws Exception {
        Path data = volume("data");
        Container first = run(data, true, new ArrayList<>());
        awaitReady(first);
        String uuid = register(first);
        assertEquals(0, podman("kill", "-s", "KILL", first.name()).exit());
        podman("wait", first.name());

        Container next = run(data, true, new ArrayList<>());
        awaitReady(next);
        given().port(next.port()).get("/api/v1/nodes/" + uuid).then().statusCode(200);
    }
}
