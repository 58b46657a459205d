package io.spear.next.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) running in its own JVM on a
 * free loopback port, with its output in a file. Stopping it sends SIGTERM, as Kubernetes does.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int grpcPort;
    private final Path log;

    private ServiceProcess(Process process, int port, int grpcPort, Path log) {
        this.process = process;
        this.port = port;
        this.grpcPort = grpcPort;
        this.log = log;
    }

    /**
     * Starts the service with {@code env} on top of this environment minus any KV_ and QUARKUS_
     * settings, HTTP and gRPC each on a free loopback port.
     */
    public static ServiceProcess start(Path workDir, Map<String, String> env) throws IOException {
        return start(workDir, env, freePort());
    }

    /** As {@link #start(Path, Map)}, with gRPC on the given port (a restart keeps its agents' address). */
    public static ServiceProcess start(Path workDir, Map<String, String> env, int grpcPort) throws IOException {
        int port = freePort();
        Path log = workDir.resolve("sms-" + port + ".log");
        Path jar = Path.of(System.getProperty("sms.app.jar", "target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KV_") || name.startsWith("QUARKUS_"));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_GRPC_SERVER_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(grpcPort));
        builder.environment().putAll(env);
        return new ServiceProcess(builder.start(), port, grpcPort, log);
    }

    public int port() {
        return port;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until readiness answers 200; fails at once if the process dies first. */
    public ServiceProcess awaitReady(Duration timeout) {
        Awaitility.await("service on port " + port + " ready")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + output());
                    }
                    try {
                        return given().port(port).when().get("/q/health/ready").statusCode() == 200;
                    } catch (Exception notListeningYet) {
                        return false;
                    }
                });
        return this;
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the service did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM and waits for the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /** Sends SIGTERM and returns at once. */
    public void signalTerm() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook runs, as in a crash or an OOM kill. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Log lines at ERROR level, in order. */
    public List<String> errorLines() {
        return output().lines().filter(line -> line.contains(" ERROR ")).toList();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** Registers a node (10.0.0.1:7000) with the service listening on {@code port}; its uuid, after a 201. */
    public static String register(int port) {
        return given().port(port)
                .contentType("application/json")
                .body("{\"ip_address\": \"10.0.0.1\", \"port\": 7000}")
                .post("/api/v1/nodes")
                .then()
                .statusCode(201)
                .extract()
                .path("uuid");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
