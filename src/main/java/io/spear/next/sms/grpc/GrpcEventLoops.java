package io.spear.next.sms.grpc;

import io.quarkus.grpc.runtime.GrpcServer;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.spear.next.sms.config.GrpcServerSettings;
import io.spear.next.sms.config.SmsConfig;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.VertxServer;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Spreads the gRPC server's connections over every Vert.x event loop, when
 * {@code sms.grpc.all-event-loops} asks for it. Quarkus 3.33 serves its separate gRPC server from
 * one: with {@code quarkus.grpc.server.instances} above 1, every instance registers the port, and a start that finds the server already listening throws and never becomes
 * ready (quarkusio/quarkus#54810, about one start in twelve). Vert.x shares one gRPC server among all
 * the {@link VertxServer}s started on an address, each adding its event loop to the shared server's;
 * so once Quarkus' server is up, one more listener per event loop, in a verticle of its own, joins
 * it. The shared server stays the one Quarkus built (services, interceptors, TLS, limits), and the
 * port is registered once. Dev mode keeps Quarkus' single loop: its live reload replaces the server.
 */
@ApplicationScoped
public class GrpcEventLoops {

    private static final Logger LOG = Logger.getLogger(GrpcEventLoops.class);

    private volatile String deployment;

    void spread(@Observes StartupEvent started, Vertx vertx, GrpcServer grpc, SmsConfig sms) throws Exception {
        int bound = grpc.getPort();
        if (!sms.grpc().allEventLoops() || LaunchMode.current() == LaunchMode.DEVELOPMENT || bound <= 0) {
            return;
        }
        int loops = 0;
        for (var ignored : vertx.nettyEventLoopGroup()) {
            loops++;
        }
        int configured =
                GrpcServerSettings.configuredPort(LaunchMode.current() == LaunchMode.TEST ? "test-port" : "port");
        if (configured <= 0) {
            LOG.infof(
                    "gRPC serves port %d on one event loop: Vert.x shares only a port fixed in the configuration",
                    bound);
            return;
        }
        try {
            deployment = vertx.deployVerticle(
                            () -> new SharedListener(GrpcServerSettings.host(), configured, bound),
                            new DeploymentOptions().setInstances(loops))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            LOG.infof("gRPC serves port %d on %d event loops", bound, loops);
        } catch (ExecutionException | TimeoutException e) {
            // the server Quarkus started serves on, from its one event loop
            LOG.warnf("gRPC serves port %d on one event loop: %s", bound, e.getCause() == null ? e : e.getCause());
        }
    }

    /** Before Quarkus stops its own server: the shared server closes once its last listener leaves. */
    void leave(@Observes ShutdownEvent stopping, Vertx vertx) throws Exception {
        String id = deployment;
        if (id != null) {
            deployment = null;
            vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** A listener on the gRPC address that adds its event loop to the running server, and refuses to start one. */
    private static final class SharedListener extends AbstractVerticle {

        private final String host;
        private final int configuredPort;
        private final int boundPort;
        private VertxServer server;

        SharedListener(String host, int configuredPort, int boundPort) {
            this.host = host;
            this.configuredPort = configuredPort;
            this.boundPort = boundPort;
        }

        @Override
        public void start(Promise<Void> started) {
            server = VertxServerBuilder.forAddress(vertx, host, configuredPort).build();
            server.start(result -> {
                if (result.failed()) {
                    started.fail(result.cause());
                } else if (portOf(server) != boundPort) {
                    // it started a server of its own: Quarkus' was not found under this address
                    started.fail("the gRPC server on port " + boundPort + " was not found at " + host + ":"
                            + configuredPort + " (a listener there is on " + portOf(server) + ")");
                } else {
                    started.complete();
                }
            });
        }

        private static int portOf(VertxServer server) {
            try {
                return server.getPort();
            } catch (IllegalStateException notStarted) {
                return -1;
            }
        }

        @Override
        public void stop(Promise<Void> stopped) {
            server.shutdown(result -> stopped.complete());
        }
    }
}
