package io.spear.next.sms.registry;

import io.quarkus.runtime.Startup;
import io.spear.next.registry.HeartbeatSweeper;
import io.spear.next.registry.HighLoadThresholds;
import io.spear.next.registry.NodeRegistry;
import io.spear.next.registry.NodeResourceRegistry;
import io.spear.next.registry.RegistryEvents;
import io.spear.next.registry.RegistrySettings;
import io.spear.next.sms.config.SmsConfig;
import io.spear.next.storage.kv.KvStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Both registries and the sweeper, on the one application store, with one set of settings. They
 * are created at startup: creating one reads the store, which must not happen on the event loop
 * that first injects it.
 */
@ApplicationScoped
public class RegistryProducer {

    @Produces
    @Singleton
    RegistryEvents events(KvStore store) {
        return RegistryEvents.open(store);
    }

    @Produces
    @Singleton
    RegistrySettings settings(SmsConfig config, RegistryEvents events) {
        SmsConfig.HighLoad highLoad = config.highLoad();
        return new RegistrySettings(Clock.systemUTC(),
                new HighLoadThresholds(highLoad.cpuPercent(), highLoad.memoryPercent(), highLoad.loadAverage1m()), events);
    }

    @Produces
    @Singleton
    @Startup
    NodeRegistry nodeRegistry(KvStore store, RegistrySettings settings) {
        return new NodeRegistry(store, settings);
    }

    @Produces
    @Singleton
    @Startup
    NodeResourceRegistry resourceRegistry(KvStore store, RegistrySettings settings) {
        return new NodeResourceRegistry(store, settings);
    }

    @Produces
    @Singleton
    @Startup
    HeartbeatSweeper sweeper(KvStore store, RegistrySettings settings, SmsConfig config) {
        return new HeartbeatSweeper(store, settings, config.heartbeat().timeout(), config.node().removeAfter());
    }
}
