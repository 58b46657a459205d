package io.spear.next.sms.grpc;

import io.grpc.ManagedChannel;
import io.spear.next.testing.EtcdCluster;
import io.spear.next.testing.GrpcChannels;
import io.spear.next.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spear's own gRPC integration tests ({@link SpearIntegrationTests}) against the packaged service,
 * a fresh one for each test as Spear starts its server: on the embedded RocksDB store, and as a
 * replica over a three-member etcd cluster.
 */
class SpearIntegrationIT {

    private static final Duration BOOT = Duration.ofSeconds(60);

    abstract static class OnBackend {

        @TempDir
        Path work;

        abstract Map<String, String> env();

        private void replay(Consumer<ManagedChannel> test) throws Exception {
            try (ServiceProcess sms = ServiceProcess.start(work, env()).awaitReady(BOOT)) {
                ManagedChannel channel = GrpcChannels.to(sms.grpcPort());
                try {
                    test.accept(channel);
                } finally {
                    GrpcChannels.close(channel);
                }
            }
        }

        @Test
        void nodeLifecycle() throws Exception {
            replay(SpearIntegrationTests::nodeLifecycle);
        }

        @Test
        void resourceManagement() throws Exception {
            replay(SpearIntegrationTests::resourceManagement);
        }

        @Test
        void errorHandling() throws Exception {
            replay(SpearIntegrationTests::errorHandling);
        }

        @Test
        void concurrentOperations() throws Exception {
            replay(SpearIntegrationTests::concurrentOperations);
        }

        @Test
        void nodeRegistryIntegration() throws Exception {
            replay(SpearIntegrationTests::nodeRegistryIntegration);
        }
    }

    @Nested
    class OnRocksDb extends OnBackend {
        @Override
        Map<String, String> env() {
            return Map.of(
                    "KV_BACKEND", "rocksdb", "KV_PATH", work.resolve("data").toString());
        }
    }

    @Nested
    class OnEtcd extends OnBackend {
        @Override
        Map<String, String> env() {
            return Map.of(
                    "KV_BACKEND", "etcd",
                    "KV_ETCD_ENDPOINTS", EtcdCluster.shared().endpoints(),
                    "KV_ETCD_NAMESPACE", EtcdCluster.freshNamespace("spear-it"));
        }
    }
}
