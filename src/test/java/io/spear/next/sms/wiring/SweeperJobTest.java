package io.spear.next.sms.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.Leadership;
import io.spear.next.registry.NodeRegistration;
import io.spear.next.registry.NodeStatus;
import io.spear.next.registry.Registry;
import io.spear.next.registry.RegistrySettings;
import io.spear.next.sms.config.SmsConfig;
import io.spear.next.storage.kv.memory.MemoryKvStore;
import io.spear.next.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sweeper runs on the leader only, and not before its store has answered for one heartbeat timeout. */
class SweeperJobTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** A leadership whose answers the test sets. */
    private static final class Standing implements Leadership {
        volatile boolean leads = true;
        volatile Duration reachableFor = Duration.ZERO;

        @Override
        public boolean leads() {
            return leads;
        }

        @Override
        public Duration storeReachableFor() {
            return reachableFor;
        }
    }

    private static SmsConfig config() {
        SmsConfig.Heartbeat heartbeat = (SmsConfig.Heartbeat) Proxy.newProxyInstance(
                SmsConfig.class.getClassLoader(),
                new Class<?>[] {SmsConfig.Heartbeat.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "timeout" -> TIMEOUT;
                    case "checkInterval" -> Duration.ofSeconds(30);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (SmsConfig) Proxy.newProxyInstance(
                SmsConfig.class.getClassLoader(), new Class<?>[] {SmsConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("heartbeat")) {
                        return heartbeat;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void afterAStoreOutageNothingIsMarkedUntilNodesHadOneTimeoutToBeat() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        Registry registry =
                Registry.open(new MemoryKvStore(), new RegistrySettings(clock, HighLoadThresholds.DEFAULTS));
        String uuid = registry.nodes()
                .register(new NodeRegistration(null, "n", "10.0.0.1", 7000, null, Map.of()))
                .uuid();
        Standing standing = new Standing();
        SweeperJob job = new SweeperJob(
                registry.sweeper(TIMEOUT, Optional.empty()), standing, config(), new SimpleMeterRegistry());
        clock.advance(TIMEOUT.plusSeconds(60)); // silent longer than the timeout, while the store was away

        standing.reachableFor = TIMEOUT.minusSeconds(1);
        job.sweep();
        assertEquals(
                NodeStatus.ACTIVE,
                registry.nodes().get(uuid).orElseThrow().status(),
                "the store has been back too briefly");

        standing.reachableFor = TIMEOUT;
        standing.leads = false;
        job.sweep();
        assertEquals(NodeStatus.ACTIVE, registry.nodes().get(uuid).orElseThrow().status(), "only the leader sweeps");

        standing.leads = true;
        job.sweep();
        assertEquals(
                NodeStatus.UNHEALTHY, registry.nodes().get(uuid).orElseThrow().status());
    }
}
