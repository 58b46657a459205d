package io.spear.next.sms;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.restassured.specification.RequestSpecification;
import io.spear.next.testing.Command;
import io.spear.next.testing.GrpcChannels;
import io.spear.next.testing.Prerequisites;
import io.spear.next.testing.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service started the way Spear's deployment starts its own SMS: {@code sms} and the
 * original's options, its TOML file through {@code -c} or {@code SPEAR_CONFIG}, probes on
 * {@code GET /health}; and a boot that ends with exit code 1 when a port is taken.
 */
class DropInIT {

    private static final Duration BOOT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The jar with {@code args}, in an environment without KV_ or QUARKUS_ settings, plus {@code env}. */
    private Process sms(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of(System.getProperty("sms.app.jar", "target/quarkus-app/quarkus-run.jar"))
                        .toAbsolutePath()
                        .toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("sms-" + started.size() + ".log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KV_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private String output(Process process) throws IOException {
        return Files.readString(work.resolve("sms-" + started.indexOf(process) + ".log"));
    }

    private int exitOf(Process process) throws Exception {
        assertTrue(process.waitFor(BOOT.toSeconds(), TimeUnit.SECONDS), "still running:\n" + output(process));
        return process.exitValue();
    }

    private void awaitHealthy(Process process, int httpPort) {
        awaitHealthy(process, () -> given().port(httpPort));
    }

    /** Until {@code GET /health} through {@code client} answers 200; fails at once if the process exits. */
    private void awaitHealthy(Process process, Supplier<RequestSpecification> client) {
        Awaitility.await("GET /health")
                .atMost(BOOT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("exited with " + process.exitValue() + ":\n" + output(process));
                    }
                    try {
                        return client.get().get("/health").statusCode() == 200;
                    } catch (Exception notListeningYet) {
                        return false;
                    }
                });
    }

    private Path spearToml(int grpcPort, int httpPort) throws IOException {
        Path file = work.resolve("config.toml");
        Files.writeString(file, """
                [grpc]
                addr = "127.0.0.1:%d"
                enable_tls = false

                [http]
                addr = "127.0.0.1:%d"

                heartbeat_timeout = 120
                cleanup_interval = 300

                [web_admin]
                addr = "0.0.0.0:8081"

                [database]
                db_type = "rocksdb"
                path = "./data/rocksdb-node-service"
                pool_size = 10
                """.formatted(grpcPort, httpPort));
        return file;
    }

    @Test
    void spearsCommandLineAndFileStartTheServiceAndItsProbesAnswerOnHealth() throws Exception {
        int grpcPort = ServiceProcess.freePort();
        int httpPort = ServiceProcess.freePort();
        Path toml = spearToml(grpcPort, httpPort);
        Process sms = sms(Map.of(), "sms", "-c", toml.toString(), "--log-level", "info", "--db-pool-size", "4");
        awaitHealthy(sms, httpPort);

        // Spear's body: its own test checks status == "healthy"; the timestamp is RFC 3339, as chrono writes it
        given().port(httpPort)
                .get("/health")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("healthy"))
                .body("service", equalTo("sms"))
                .body("timestamp", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"));
        String uuid = ServiceProcess.register(httpPort);
        assertTrue(Files.isDirectory(work.resolve("data/rocksdb-node-service")), "[database] path is the store");
        try (Socket grpc = new Socket()) {
            grpc.connect(new InetSocketAddress("127.0.0.1", grpcPort), 2000); // [grpc] addr
        }
        List<String> warnings = output(sms)
                .lines()
                .filter(line -> line.contains("with no counterpart here"))
                .toList();
        assertEquals(1, warnings.size(), output(sms));
        assertTrue(warnings.get(0).contains("web_admin, [database] pool_size"), warnings.get(0));
        assertTrue(warnings.get(0).contains("--db-pool-size"), warnings.get(0));
        assertTrue(uuid.length() == 36);
    }

    @Test
    void enableTlsWithACertificateServesTlsOnBothPortsAndNoPlaintext() throws Exception {
        Prerequisites.command("openssl", "apt-get install openssl");
        Path cert = work.resolve("cert.pem");
        Path key = work.resolve("key.pem");
        Command.Result made = Command.run(
                work,
                Map.of(),
                null,
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString()));
        assertEquals(0, made.exit(), made.output());
        int grpcPort = ServiceProcess.freePort();
        int httpPort = ServiceProcess.freePort();
        Path toml = work.resolve("tls.toml");
        Files.writeString(toml, """
                [grpc]
                addr = "127.0.0.1:%d"
                enable_tls = true
                cert_path = "%s"
                key_path = "%s"

                [http]
                addr = "127.0.0.1:%d"
                enable_tls = true
                cert_path = "%s"
                key_path = "%s"

                [database]
                db_type = "memory"
                """.formatted(grpcPort, cert, key, httpPort, cert, key));
        Process sms = sms(Map.of(), "sms", "-c", toml.toString());
        KeyStore trustsTheCertificate = trusting(cert);
        awaitHealthy(
                sms,
                () -> given().trustStore(trustsTheCertificate)
                        .baseUri("https://localhost")
                        .port(httpPort));
        assertThrows(Exception.class, () -> given().port(httpPort).get("/health"), "no plaintext on the HTTP port");

        ManagedChannel tlsChannel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1",
                        grpcPort,
                        TlsChannelCredentials.newBuilder()
                                .trustManager(cert.toFile())
                                .build())
                .overrideAuthority("localhost")
                .build();
        ManagedChannel plainChannel = GrpcChannels.to(grpcPort);
        try {
            assertEquals(
                    ServingStatus.SERVING,
                    HealthGrpc.newBlockingStub(tlsChannel)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance())
                            .getStatus());
            StatusRuntimeException plain = assertThrows(
                    StatusRuntimeException.class,
                    () -> HealthGrpc.newBlockingStub(plainChannel)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAVAILABLE, plain.getStatus().getCode(), "no plaintext on the gRPC port");
        } finally {
            GrpcChannels.close(tlsChannel);
            GrpcChannels.close(plainChannel);
        }
    }

    @Test
    void enableTlsWithoutACertificateStopsTheBootWithOneLine() throws Exception {
        Path toml = work.resolve("tls.toml");
        Files.writeString(
                toml, "[http]\naddr = \"127.0.0.1:%d\"\nenable_tls = true\n".formatted(ServiceProcess.freePort()));
        Process sms = sms(Map.of(), "sms", "-c", toml.toString());
        assertEquals(1, exitOf(sms));
        assertTrue(output(sms).contains("[http] enable_tls = true needs cert_path and key_path"), output(sms));
    }

    /** A trust store holding the one certificate {@code pem}. */
    private static KeyStore trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (var in = Files.newInputStream(pem)) {
            store.setCertificateEntry(
                    "sms", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return store;
    }

    @Test
    void spearConfigNamesTheFileAndAnOptionOverridesIt() throws Exception {
        int grpcPort = ServiceProcess.freePort();
        int httpPort = ServiceProcess.freePort();
        int fileHttpPort = ServiceProcess.freePort();
        Path toml = spearToml(grpcPort, fileHttpPort);
        Process sms = sms(Map.of("SPEAR_CONFIG", toml.toString()), "sms", "--http-addr", "127.0.0.1:" + httpPort);
        awaitHealthy(sms, httpPort);
        given().port(httpPort).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void spearsEnvironmentIsReadAndTheHomeFileReplacesItAsInTheOriginal() throws Exception {
        Path home = work.resolve("home");
        int grpcPort = ServiceProcess.freePort();
        int httpPort = ServiceProcess.freePort();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "SMS_HOME",
                home.toString(),
                "SMS_GRPC_ADDR",
                "127.0.0.1:" + grpcPort,
                "SMS_HTTP_ADDR",
                "127.0.0.1:" + httpPort,
                "SMS_DB_TYPE",
                "sled",
                "SMS_DB_PATH",
                work.resolve("from-env").toString(),
                "SMS_LOG_LEVEL",
                "info",
                "SMS_HEARTBEAT_TIMEOUT",
                "90",
                "SMS_MCP_DIR",
                "/opt/mcp"));
        Process fromEnv = sms(env, "sms");
        awaitHealthy(fromEnv, httpPort);
        try (Socket grpc = new Socket()) {
            grpc.connect(new InetSocketAddress("127.0.0.1", grpcPort), 2000);
        }
        ServiceProcess.register(httpPort);
        assertTrue(Files.isRegularFile(work.resolve("from-env/CURRENT")), "SMS_DB_PATH holds the RocksDB store");
        List<String> warnings = output(fromEnv)
                .lines()
                .filter(line -> line.contains(" WARN "))
                .filter(line -> line.contains("Spear") || line.contains("sled"))
                .toList();
        assertEquals(2, warnings.size(), output(fromEnv));
        assertTrue(
                warnings.stream().anyMatch(line -> line.contains("in the environment: SMS_MCP_DIR")),
                warnings.toString());
        assertTrue(
                warnings.stream()
                        .anyMatch(line -> line.contains("SMS_DB_TYPE asks for sled")
                                && line.contains("the embedded RocksDB store serves in its place")),
                warnings.toString());
        fromEnv.destroy();
        assertTrue(fromEnv.waitFor(60, TimeUnit.SECONDS));

        // the home file, read when no -c is given, replaces the addresses and the store the environment gave
        int fileHttpPort = ServiceProcess.freePort();
        Files.createDirectories(home.resolve(".sms"));
        Files.writeString(home.resolve(".sms/config.toml"), """
                [grpc]
                addr = "127.0.0.1:%d"
                [http]
                addr = "127.0.0.1:%d"
                [database]
                db_type = "rocksdb"
                path = "%s"
                """.formatted(
                        ServiceProcess.freePort(), fileHttpPort, work.resolve("from-home")));
        Process fromHome = sms(env, "sms");
        awaitHealthy(fromHome, fileHttpPort);
        assertTrue(Files.isRegularFile(work.resolve("from-home/CURRENT")), "[database] path of the home file");
        assertTrue(
                output(fromHome).contains("SMS_HTTP_ADDR (" + home.resolve(".sms/config.toml") + " replaces it"),
                output(fromHome));
    }

    @Test
    void aDirectoryHoldingASledDatabaseIsRefusedByName() throws Exception {
        Path sled = Files.createDirectories(work.resolve("sled-data"));
        Files.writeString(sled.resolve("conf"), "segment_size: 524288\n");
        Files.write(sled.resolve("db"), new byte[64]);
        Process sms = sms(
                Map.of(),
                "sms",
                "--db-type",
                "sled",
                "--db-path",
                sled.toString(),
                "--grpc-addr",
                "127.0.0.1:" + ServiceProcess.freePort(),
                "--http-addr",
                "127.0.0.1:" + ServiceProcess.freePort());
        assertEquals(1, exitOf(sms));
        assertTrue(output(sms).contains("the directory " + sled + " holds a sled database"), output(sms));
        assertEquals(
                List.of("conf", "db"),
                Files.list(sled).map(p -> p.getFileName().toString()).sorted().toList());
    }

    @Test
    void helpVersionAndMistakesAnswerWithoutStarting() throws Exception {
        Process version = sms(Map.of(), "-V");
        assertEquals(0, exitOf(version));
        assertEquals("sms " + System.getProperty("sms.version"), output(version).strip());

        Process help = sms(Map.of(), "sms", "--help");
        assertEquals(0, exitOf(help));
        assertTrue(output(help).contains("Usage: sms [OPTIONS]"), output(help));

        Path badFile = work.resolve("bad.toml");
        Files.writeString(badFile, "[http]\naddr = \"8080\"\n");
        Process badConfig = sms(Map.of("SPEAR_CONFIG", badFile.toString()), "sms");
        assertEquals(1, exitOf(badConfig));
        assertTrue(
                output(badConfig).contains("Cannot start the SMS: " + badFile + ": [http] addr must be HOST:PORT"),
                output(badConfig));

        // a setting Quarkus cannot read: the one line that says why is the first line
        Process badSetting = sms(Map.of(), "sms", "--db-type", "nosuch");
        assertEquals(1, exitOf(badSetting));
        assertTrue(output(badSetting).startsWith("Cannot start the SMS: "), output(badSetting));
        assertTrue(output(badSetting).contains("allowed values: memory,rocksdb,etcd"), output(badSetting));

        Process wrong = sms(Map.of(), "sms", "--db-size", "3");
        assertEquals(2, exitOf(wrong));
        assertTrue(output(wrong).strip().startsWith("sms: unknown option --db-size"), output(wrong));
    }

    @Test
    void aTakenGrpcPortEndsTheBootNamingThePortAndItsSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int httpPort = ServiceProcess.freePort();
            Process sms = sms(
                    Map.of("KV_PATH", work.resolve("grpc-taken").toString()),
                    "sms",
                    "--grpc-addr",
                    "127.0.0.1:" + taken.getLocalPort(),
                    "--http-addr",
                    "127.0.0.1:" + httpPort);
            assertEquals(1, exitOf(sms));
            assertTrue(
                    output(sms)
                            .contains("the gRPC port " + taken.getLocalPort()
                                    + " (quarkus.grpc.server.port, --grpc-addr)"),
                    output(sms));
        }
    }

    @Test
    void aTakenHttpPortEndsTheBootNamingThePortAndItsSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int grpcPort = ServiceProcess.freePort();
            Process sms = sms(
                    Map.of("KV_PATH", work.resolve("http-taken").toString()),
                    "sms",
                    "--grpc-addr",
                    "127.0.0.1:" + grpcPort,
                    "--http-addr",
                    "127.0.0.1:" + taken.getLocalPort());
            assertEquals(1, exitOf(sms));
            assertTrue(
                    output(sms).contains("the HTTP port " + taken.getLocalPort() + " (quarkus.http.port, --http-addr)"),
                    output(sms));
        }
    }
}
