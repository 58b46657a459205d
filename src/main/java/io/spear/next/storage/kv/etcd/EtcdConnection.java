package io.spear.next.storage.kv.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.spear.next.storage.kv.KvConfigException;
import io.spear.next.storage.kv.KvException;
import io.spear.next.storage.kv.KvOutcomeUnknownException;
import io.spear.next.storage.kv.KvStoreClosedException;
import io.spear.next.storage.kv.KvUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The client of one etcd cluster (endpoints, namespace, credentials, TLS) and how every call is
 * made on it: at most {@code request-timeout} long, its failure turned into a {@link KvException}
 * that names the cluster and the call, and a failed write remembered for readiness.
 */
final class EtcdConnection implements AutoCloseable {

    /** How long a failed write keeps readiness down with no later write to say otherwise. */
    static final Duration WRITE_FAILURE_MEMORY = Duration.ofSeconds(10);

    static final ByteSequence ZERO = ByteSequence.from(new byte[] {0});

    /** Why the last write failed, and when (System.nanoTime()). */
    private record Failure(String reason, long at) {}

    final EtcdSettings settings;
    final Client client;
    private static final String REQUEST_TIMEOUT = "kv.etcd.request-timeout";

    private final EtcdErrors errors;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile Failure writeFailure;

    private EtcdConnection(EtcdSettings settings, Client client) {
        this.settings = settings;
        this.client = client;
        this.errors = new EtcdErrors(settings);
    }

    /** Connects to the cluster and checks that it answers a read within the connect timeout. */
    static EtcdConnection open(EtcdSettings settings) {
        ClientBuilder builder = Client.builder()
                .endpoints(settings.endpoints().toArray(new URI[0]))
                .namespace(ByteSequence.from(settings.namespace(), UTF_8))
                .connectTimeout(settings.connectTimeout())
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(Duration.ofSeconds(5))
                // a page of values can be large; etcd's own bound is its request size per value
                .maxInboundMessageSize(256 << 20);
        settings.user().ifPresent(user -> builder.user(ByteSequence.from(user, UTF_8)));
        settings.password().ifPresent(password -> builder.password(ByteSequence.from(password, UTF_8)));
        if (settings.tls()) {
            try {
                builder.sslContext(ssl -> {
                    settings.tlsCaFile().ifPresent(ca -> ssl.trustManager(ca.toFile()));
                    settings.tlsCertFile()
                            .ifPresent(cert -> ssl.keyManager(
                                    cert.toFile(),
                                    settings.tlsKeyFile().orElseThrow().toFile()));
                });
            } catch (IOException | IllegalArgumentException e) { // SSLException: a bad certificate or key file
                throw new KvConfigException(
                        "cannot set up TLS to etcd at " + settings.describe() + ": " + e.getMessage());
            }
        }
        EtcdConnection connection = new EtcdConnection(settings, builder.build());
        try {
            connection.await(
                    "connect",
                    () -> connection.client.getKVClient().get(ZERO),
                    false,
                    settings.connectTimeout(),
                    "kv.etcd.connect-timeout");
        } catch (KvException e) {
            connection.close();
            throw new KvUnavailableException(
                    "cannot open the etcd store: " + e.getMessage()
                            + "; check kv.etcd.endpoints and that a majority of the members runs",
                    e);
        }
        return connection;
    }

    <T> T read(String what, Supplier<CompletableFuture<T>> call) {
        return await(what, call, false, settings.requestTimeout(), REQUEST_TIMEOUT);
    }

    <T> T write(String what, Supplier<CompletableFuture<T>> call) {
        try {
            T result = await(what, call, true, settings.requestTimeout(), REQUEST_TIMEOUT);
            writeFailure = null;
            return result;
        } catch (KvOutcomeUnknownException e) {
            throw e; // a timeout or no quorum: reads see that too
        } catch (KvUnavailableException e) {
            writeFailure = new Failure(e.getMessage(), System.nanoTime());
            throw e;
        }
    }

    /** The failure of a call that did not go through {@link #read} or {@link #write} (a watch's). */
    KvException failure(String what, Throwable error) {
        return errors.of(what, error, false);
    }

    /** Waits at most {@code timeout} for the call; a timeout's message names {@code setting}. */
    private <T> T await(
            String what, Supplier<CompletableFuture<T>> call, boolean write, Duration timeout, String setting) {
        ensureOpen();
        CompletableFuture<T> future = call.get();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw errors.of(what, e, write, timeout, setting);
        } catch (Exception e) {
            future.cancel(true);
            if (!open.get()) {
                throw new KvStoreClosedException("the etcd store at " + settings.describe());
            }
            throw errors.of(what, e, write, timeout, setting);
        }
    }

    /**
     * Why writes failed lately (etcd out of space, say), for at most {@link #WRITE_FAILURE_MEMORY}
     * after the last failure: with readiness down no traffic arrives to prove writes work again.
     */
    Optional<String> writeFailure() {
        Failure failure = writeFailure;
        return failure == null || System.nanoTime() - failure.at() > WRITE_FAILURE_MEMORY.toNanos()
                ? Optional.empty()
                : Optional.of(failure.reason());
    }

    boolean isOpen() {
        return open.get();
    }

    void ensureOpen() {
        if (!open.get()) {
            throw new KvStoreClosedException("the etcd store at " + settings.describe());
        }
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            client.close();
        }
    }
}
